// The fleet page: server-rendered HTML with inline SVG, no build step and no
// script. Pure: model in, HTML out, so it is tested without a server.
import type { NetworkConfig } from '../../config/schema.js';
import type { KioskView } from '../fleet/monitor.js';
import type { HelpDeskHealth } from '../helpdesk/sync.js';
import type { KioskState } from '../../protocol/heartbeat.js';

export const HISTORY_SLOTS = 48;
export const HISTORY_SLOT_MS = 30 * 60 * 1000; // 48 × 30 min = the last 24 hours

export interface FleetPageModel {
  now: Date;
  kiosks: Array<KioskView & { history: KioskState[] }>;
  network: NetworkConfig | null;
  networkError: string | null;
  liveByCircle: Map<string, number>;
  liveBySubstation: Map<string, number>;
  liveByKiosk: Map<string, number>;
  /** requests where the consumer ticked "a guard helped me": the anti-extortion promise, watched per kiosk */
  guardAssistedByKiosk?: Map<string, number>;
  ticketsTotal: number;
  /** the help desk the requests are handed to; absent: not shown */
  helpdesk?: HelpDeskHealth;
}

const COLOURS: Record<KioskState, { fg: string; bg: string; label: string }> = {
  up: { fg: '#116329', bg: '#2da44e', label: 'Up' },
  late: { fg: '#7d4e00', bg: '#d4a72c', label: 'Late' },
  down: { fg: '#a40e26', bg: '#cf222e', label: 'Down' },
  maintenance: { fg: '#0550ae', bg: '#218bff', label: 'Maintenance' },
  new: { fg: '#57606a', bg: '#afb8c1', label: 'Never seen' },
};
const ORDER: KioskState[] = ['down', 'late', 'maintenance', 'new', 'up'];

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function formatAge(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 36 * 3600) {
    const h = Math.floor(seconds / 3600);
    const m = Math.round((seconds % 3600) / 60);
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  return `${Math.round(seconds / 86400)} d`;
}

const IST_MS = 330 * 60_000;
export function formatIst(iso: string): string {
  const d = new Date(Date.parse(iso) + IST_MS);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${d.getUTCDate()} ${months[d.getUTCMonth()]}, ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')} IST`;
}

const fmtInt = (n: number) => n.toLocaleString('en-IN');

function historySvg(history: KioskState[]): string {
  const w = 6;
  const gap = 1;
  const rects = history.map((s, i) => `<rect x="${i * (w + gap)}" y="0" width="${w}" height="18" rx="1.5" fill="${COLOURS[s].bg}"><title>${esc(COLOURS[s].label)}</title></rect>`).join('');
  const width = history.length * (w + gap) - gap;
  return `<svg class="strip" viewBox="0 0 ${width} 18" width="100%" height="18" preserveAspectRatio="none" role="img" aria-label="state over the last 24 hours">${rects}</svg>`;
}

function card(k: FleetPageModel['kiosks'][number], model: FleetPageModel): string {
  const c = COLOURS[k.state];
  // Up but a device in fault is not plain green: consumers cannot be served properly.
  const faulty = k.state === 'up' && k.healthLevel === 'fault';
  const selfTests = k.selfTests.length
    ? `<ul class="selftests">${k.selfTests.map((t) => `<li class="${t.ok ? 'pass' : 'fail'}"><b>${esc(t.name)}</b> ${t.ok ? 'passed' : 'FAILED'} ${esc(formatIst(t.at))}${t.detail ? `<span class="detail"> — ${esc(t.detail)}</span>` : ''}</li>`).join('')}</ul>`
    : '';
  const lastSeen = k.lastSeenAt ? `${formatAge(k.lastSeenAgeSeconds ?? 0)} ago` : 'never';
  const stateFor = k.state === 'maintenance' && k.maintenanceUntil ? `until ${formatIst(k.maintenanceUntil)}` : `for ${formatAge((model.now.getTime() - Date.parse(k.stateSince)) / 1000)}`;
  const faults = k.faults.length
    ? k.faults.map((f) => `<li class="fault ${f.level}"><b>${esc(f.part)}</b> ${esc(f.state)}${f.detail ? `<span class="detail"> — ${esc(f.detail)}</span>` : ''}</li>`).join('')
    : k.healthLevel ? '<li class="ok">All devices OK</li>' : '<li class="none">No report yet</li>';
  const backlog = k.outbox
    ? k.outbox.depth === 0 ? '<span class="num">0</span>' : `<span class="num warn">${fmtInt(k.outbox.depth)}</span><small>oldest ${formatAge(k.outbox.oldestAgeSeconds ?? 0)}</small>`
    : '<span class="num muted">—</span>';
  const sys = k.system;
  const sysBits = [
    sys?.cpuTempC != null ? `${sys.cpuTempC.toFixed(0)} °C` : null,
    sys?.diskFreeBytes != null ? `${(sys.diskFreeBytes / 1e9).toFixed(1)} GB free` : null,
    sys?.throttle?.underVoltageNow ? '<b class="bad">under-voltage</b>' : sys?.throttle?.underVoltageOccurred ? 'under-voltage earlier' : null,
    k.clockSkewSeconds != null && Math.abs(k.clockSkewSeconds) > 120 ? `<b class="bad">clock off ${formatAge(Math.abs(k.clockSkewSeconds))}</b>` : null,
  ].filter(Boolean);
  return `<article class="card" style="--state:${c.bg};--state-fg:${c.fg}">
  <header>
    <div><h2>${esc(k.name)}</h2><div class="sub">${esc(k.id)} · site ${esc(k.site)}${k.circle ? ` · ${esc(k.circle.replace('circle-', 'Circle '))}` : ''}</div></div>
    <div class="badge${faulty ? ' badge-fault' : ''}">${esc(c.label)}${faulty ? ' · fault' : ''}<small>${esc(stateFor)}</small></div>
  </header>
  <dl>
    <div><dt>Last seen</dt><dd>${esc(lastSeen)}</dd></div>
    <div><dt>Queue</dt><dd>${backlog}</dd></div>
    <div><dt>Paper</dt><dd class="paper-${esc(k.paper ?? 'unknown')}">${esc(k.paper === 'out' ? 'OUT' : k.paper === 'near-end' ? 'low' : k.paper ?? '—')}</dd></div>
    <div><dt>Version</dt><dd>${esc(k.version ?? '—')}</dd></div>
    <div><dt>Guard helped</dt><dd class="guard-assisted">${fmtInt(model.guardAssistedByKiosk?.get(k.id) ?? 0)}</dd></div>
  </dl>
  <ul class="faults">${faults}</ul>
  ${selfTests}
  <div class="history">${historySvg(k.history)}<div class="axis"><span>24 h ago</span><span>${fmtInt(model.liveByKiosk.get(k.id) ?? 0)} requests</span><span>now</span></div></div>
  ${sysBits.length ? `<div class="sys">${sysBits.join(' · ')}</div>` : ''}
</article>`;
}

function chart(model: FleetPageModel): string {
  if (!model.network) {
    return `<section class="panel"><h2>Complaints by circle</h2><p class="muted">Network data not loaded${model.networkError ? `: ${esc(model.networkError)}` : ''}.</p></section>`;
  }
  const circles = model.network.circles;
  const helplineMax = Math.max(1, ...circles.map((c) => c.helplineComplaints?.count ?? 0));
  const liveMax = Math.max(1, ...circles.map((c) => model.liveByCircle.get(c.id) ?? 0));
  const period = circles.find((c) => c.helplineComplaints)?.helplineComplaints;
  const rowH = 58;
  const labelW = 150;
  const barW = 300;
  const colGap = 90;
  const width = labelW + barW * 2 + colGap + 70;
  const height = circles.length * rowH + 34;
  const rows = circles.map((c, i) => {
    const y = 34 + i * rowH;
    const h = c.helplineComplaints?.count ?? 0;
    const live = model.liveByCircle.get(c.id) ?? 0;
    const hw = Math.round(Math.max(2, (h / helplineMax) * barW));
    const lw = live === 0 ? 0 : Math.round(Math.max(2, (live / liveMax) * barW));
    const subs = c.substations.map((s) => {
      const n = model.liveBySubstation.get(s.id);
      return n ? `${s.name.en} (${n})` : s.name.en;
    }).join(', ');
    const x2 = labelW + barW + colGap;
    return `<g>
      <text x="0" y="${y + 14}" class="c-name">${esc(c.name.en)}</text>
      <text x="0" y="${y + 30}" class="c-hi">${esc(c.name.hi)}</text>
      <rect x="${labelW}" y="${y}" width="${hw}" height="20" rx="3" class="bar-h"/>
      <text x="${labelW + hw + 6}" y="${y + 15}" class="val">${fmtInt(h)}</text>
      <rect x="${x2}" y="${y}" width="${lw}" height="20" rx="3" class="bar-l"/>
      <text x="${x2 + lw + 6}" y="${y + 15}" class="val">${fmtInt(live)}</text>
      <text x="${labelW}" y="${y + 38}" class="subs">${esc(subs.length > 95 ? `${subs.slice(0, 92)}…` : subs)}</text>
    </g>`;
  }).join('');
  const periodText = period ? `${period.from} – ${period.to}` : '';
  return `<section class="panel">
  <h2>Complaints by circle <small>helpline (press report${periodText ? `, ${esc(periodText)}` : ''}) beside live kiosk requests</small></h2>
  <svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="complaints per circle">
    <text x="${labelW}" y="16" class="head">Helpline complaints · ${fmtInt(circles.reduce((s, c) => s + (c.helplineComplaints?.count ?? 0), 0))}</text>
    <text x="${labelW + barW + colGap}" y="16" class="head">Kiosk requests (live) · ${fmtInt(model.ticketsTotal)}</text>
    ${rows}
  </svg>
  <p class="muted small">Substations listed under each circle; live supply complaints per substation in brackets. Source: ${esc(model.network.source)}</p>
</section>`;
}

/** One line about the help desk: where requests go, and whether they get there. */
export function helpdeskBanner(h: HelpDeskHealth, now: Date): string {
  const waiting = h.pending === 0
    ? 'every request handed over'
    : `${fmtInt(h.pending)} request${h.pending === 1 ? '' : 's'} waiting to be handed over${h.oldestPendingAt ? `, oldest ${formatAge((now.getTime() - Date.parse(h.oldestPendingAt)) / 1000)}` : ''} — kept at central, sent when it answers`;
  const refused = h.refused > 0 ? ` · <b class="bad">${fmtInt(h.refused)} refused by the help desk</b>` : '';
  const words: Record<HelpDeskHealth['state'], string> = {
    starting: 'connecting',
    ok: 'reachable',
    unreachable: `unreachable for ${formatAge((now.getTime() - Date.parse(h.since)) / 1000)}`,
    'not-set-up': 'not set up',
  };
  const last = h.state !== 'ok' && h.lastContactAt ? ` · last contact ${esc(formatIst(h.lastContactAt))}` : '';
  const error = h.error && h.state !== 'ok' ? `<div class="hd-error">${esc(h.error)}</div>` : '';
  return `<section class="helpdesk hd-${h.state}" id="helpdesk"><b>Help desk</b> ${esc(h.describe)} · <span class="hd-state">${esc(words[h.state])}</span>${last} · ${esc(waiting)}${refused}${error}</section>`;
}

export function renderFleetPage(model: FleetPageModel): string {
  const kiosks = [...model.kiosks].sort((a, b) => ORDER.indexOf(a.state) - ORDER.indexOf(b.state) || a.name.localeCompare(b.name));
  const tally = ORDER.map((s) => ({ s, n: kiosks.filter((k) => k.state === s).length })).filter((x) => x.n > 0 || x.s === 'up' || x.s === 'down');
  const backlog = kiosks.reduce((s, k) => s + (k.outbox?.depth ?? 0), 0);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="refresh" content="30">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>e-corner fleet · KESCO</title>
<style>
  :root { font-family: system-ui, "Noto Sans", "Segoe UI", sans-serif; color: #1f2328; background: #f3f4f6; }
  body { margin: 0; }
  .top { background: #12355b; color: #fff; padding: 14px 28px; display: flex; align-items: center; gap: 24px; flex-wrap: wrap; }
  .top h1 { font-size: 20px; margin: 0; font-weight: 650; letter-spacing: .2px; }
  .top h1 small { font-weight: 400; opacity: .75; margin-left: 8px; font-size: 14px; }
  .tally { display: flex; gap: 10px; margin-left: auto; flex-wrap: wrap; }
  .pill { background: rgba(255,255,255,.1); border-radius: 999px; padding: 5px 12px 5px 8px; font-size: 14px; display: flex; align-items: center; gap: 7px; }
  .pill i { width: 12px; height: 12px; border-radius: 50%; display: inline-block; }
  .pill b { font-size: 16px; }
  .meta { font-size: 13px; opacity: .8; }
  main { padding: 20px 28px 28px; max-width: 1500px; }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(330px, 1fr)); gap: 16px; }
  .card { background: #fff; border-radius: 10px; box-shadow: 0 1px 2px rgba(0,0,0,.08), 0 0 0 1px rgba(0,0,0,.04); border-top: 6px solid var(--state); padding: 14px 16px 12px; display: flex; flex-direction: column; gap: 10px; }
  .card header { display: flex; justify-content: space-between; align-items: flex-start; gap: 8px; }
  .card h2 { font-size: 18px; margin: 0; }
  .sub { color: #57606a; font-size: 12.5px; margin-top: 2px; }
  .badge { background: var(--state); color: #fff; font-weight: 700; font-size: 14px; border-radius: 6px; padding: 4px 10px; text-align: right; white-space: nowrap; }
  .badge-fault { background: repeating-linear-gradient(135deg, var(--state) 0 10px, #cf222e 10px 20px); }
  .selftests { list-style: none; margin: 0; padding: 0; font-size: 12px; color: #57606a; }
  .selftests .fail b { color: #cf222e; } .selftests .pass b { color: #116329; }
  .badge small { display: block; font-weight: 400; font-size: 11px; opacity: .95; }
  dl { display: grid; grid-template-columns: 1.35fr 1fr .8fr .85fr; margin: 0; gap: 6px; }
  dl div { background: #f6f8fa; border-radius: 6px; padding: 6px 8px; }
  dt { font-size: 11px; text-transform: uppercase; letter-spacing: .4px; color: #57606a; }
  dd { margin: 2px 0 0; font-weight: 600; font-size: 14px; }
  dd small { display: block; font-weight: 400; font-size: 11px; color: #7d4e00; }
  .num.warn { color: #9a6700; } .muted { color: #8c959f; }
  .paper-out { color: #cf222e; } .paper-near-end { color: #9a6700; }
  .faults { list-style: none; margin: 0; padding: 0; font-size: 13px; min-height: 20px; }
  .faults li { padding: 3px 8px; border-radius: 5px; margin-bottom: 3px; }
  .fault.fault { background: #ffebe9; color: #a40e26; } .fault.warning { background: #fff8c5; color: #7d4e00; }
  .faults .ok { color: #116329; } .faults .none { color: #8c959f; }
  .detail { color: inherit; opacity: .8; }
  .history .axis { display: flex; justify-content: space-between; font-size: 10.5px; color: #8c959f; margin-top: 2px; }
  .strip { display: block; }
  .sys { font-size: 12px; color: #57606a; border-top: 1px solid #eaeef2; padding-top: 7px; }
  .bad { color: #cf222e; }
  .panel { background: #fff; border-radius: 10px; box-shadow: 0 1px 2px rgba(0,0,0,.08); padding: 16px 20px; margin-top: 20px; }
  .panel h2 { font-size: 17px; margin: 0 0 10px; } .panel h2 small { font-weight: 400; color: #57606a; font-size: 13px; margin-left: 6px; }
  .panel svg text { font-size: 13px; fill: #1f2328; }
  .panel .head { font-weight: 650; fill: #57606a; font-size: 12.5px; }
  .panel .c-name { font-weight: 650; } .panel .c-hi { fill: #57606a; font-size: 12px; }
  .panel .subs { fill: #6e7781; font-size: 11px; }
  .panel .val { font-weight: 600; font-size: 12.5px; }
  .bar-h { fill: #8250df; } .bar-l { fill: #1a7f37; }
  .small { font-size: 12px; }
  .helpdesk { background: #fff; border-radius: 10px; border-left: 6px solid #2da44e; padding: 10px 16px; margin-bottom: 16px; font-size: 14px; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
  .helpdesk.hd-unreachable, .helpdesk.hd-not-set-up { border-left-color: #cf222e; } .helpdesk.hd-starting { border-left-color: #d4a72c; }
  .hd-unreachable .hd-state, .hd-not-set-up .hd-state { color: #cf222e; font-weight: 650; }
  .hd-error { font-size: 12px; color: #57606a; margin-top: 4px; font-family: ui-monospace, monospace; }
  .legend { display: flex; gap: 14px; font-size: 12px; color: #57606a; margin: 14px 0 0; }
  .legend i { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
</style></head>
<body>
<div class="top">
  <h1>KESCO e-corner fleet<small>ई-कार्नर कियोस्क</small></h1>
  <div class="meta">${kiosks.length} kiosks · <b data-testid="cannot-serve">${kiosks.filter((k) => k.cannotServe).length}</b> cannot serve consumers · queue backlog ${fmtInt(backlog)} · ${fmtInt(model.ticketsTotal)} requests received · ${esc(formatIst(model.now.toISOString()))}</div>
  <div class="tally">${tally.map(({ s, n }) => `<span class="pill"><i style="background:${COLOURS[s].bg}"></i><b>${n}</b> ${esc(COLOURS[s].label)}</span>`).join('')}</div>
</div>
<main>
${model.helpdesk ? helpdeskBanner(model.helpdesk, model.now) : ''}
  <div class="grid">
${kiosks.map((k) => card(k, model)).join('\n')}
  </div>
  <div class="legend">${(['up', 'late', 'down', 'maintenance', 'new'] as KioskState[]).map((s) => `<span><i style="background:${COLOURS[s].bg}"></i>${esc(COLOURS[s].label)}</span>`).join('')}<span>· strip: last 24 h in 30-minute slots, worst state per slot</span></div>
${chart(model)}
</main>
</body></html>`;
}
