// Technician page (/technician on the technician listener): PIN login, then
// everything from GET /api/technician/state every 2 s — each part with its
// history and a bilingual hint, printer confirmation method and raw status
// bits, the last receipts as images, scans (masked), outbox, heartbeat and
// clock skew, log lines, redacted config — and the self-tests, maintenance
// and browser restart. Mobile numbers never appear unmasked: the API masks
// them, and anything echoed here goes through the same mask again.
import { maskMobilesInText } from '../../controller/log/mask.js';
import { clear, h } from '../shared/dom.js';
import { qrSvg } from '../consumer/qr.js';

interface Bi { en: string; hi: string }
interface Part { level: 'ok' | 'warning' | 'fault'; state: string; detail?: string; since: string; hint: Bi | null }
interface Transition { level: string; state: string; detail?: string; at: string }
interface SelfTest { name: string; ok: boolean; at: string; detail: string; by: string }
interface State {
  kiosk: string; site: Bi; version: string; mode: string; startedAt: string; uptimeSeconds: number; now: string; fingerprint: string | null;
  health: { level: string; parts: Record<string, Part> };
  history: Record<string, Transition[]>;
  printer: { status: { state: string; cause?: string }; raw: Record<string, Record<string, boolean>> | null; confirmation: { configured: string; method: string | null; probedAt: string | null }; port: string | null };
  receipts: Array<{ jobId: string; at: string; result: string; bytes: number; png: string }>;
  scans: Array<{ kind: string; value: string; at: string }>;
  outbox: { depth: number; oldestAgeSeconds: number | null; failures: number };
  heartbeat: { lastDeliveredAt: string | null; failedSince: number; failuresTotal: number; centralState: string | null; clockSkewSeconds: number | null };
  ui: { lastSeenAt: string | null; livenessTimeoutSeconds: number; restartConfigured: boolean };
  eventLoopLagMs: number;
  selfTests: { latest: SelfTest[]; recent: SelfTest[]; scanTest: { code: string; startedAt: string } | null };
  maintenance: { until: string | null; active: boolean };
  logs: string[];
  config: unknown;
}

const root = h('div', { class: 'root' });
const resultEl = h('pre', { class: 'result', 'data-testid': 'result' }, '');
let state: State | null = null;
let poll: number | undefined;
let shownReceipts = '';

const ist = (iso: string | null) => {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat('en-IN', { timeZone: 'Asia/Kolkata', dateStyle: 'medium', timeStyle: 'medium' }).format(d);
};
const age = (seconds: number | null) => (seconds === null ? '—' : seconds < 90 ? `${Math.round(seconds)} s` : seconds < 5400 ? `${Math.round(seconds / 60)} min` : `${Math.round(seconds / 3600)} h`);
const lvl = (level: string) => h('span', { class: `lvl lvl-${level}` }, level);

async function call(method: string, url: string, body?: unknown): Promise<Response> {
  return fetch(url, { method, credentials: 'same-origin', headers: body === undefined ? {} : { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
}

function loginView(message = ''): void {
  window.clearInterval(poll);
  document.body.dataset.view = 'login';
  const pin = h('input', { type: 'password', inputmode: 'numeric', autocomplete: 'current-password', name: 'pin', 'data-testid': 'pin', 'aria-label': 'PIN', minlength: 6, maxlength: 12 });
  const status = h('p', { class: 'login-msg', 'data-testid': 'login-msg' }, message);
  const form = h('form', { class: 'login', onsubmit: (e: Event) => {
    e.preventDefault();
    void (async () => {
      const res = await call('POST', '/api/technician/login', { pin: pin.value });
      pin.value = '';
      if (res.ok) return start();
      const b = (await res.json().catch(() => null)) as { message?: Bi } | null;
      status.textContent = b?.message ? `${b.message.en} · ${b.message.hi}` : `HTTP ${res.status}`;
    })();
  } }, h('h1', {}, 'ecorner kiosk · technician'), h('label', {}, 'Technician PIN · तकनीशियन पिन', pin), h('button', { type: 'submit', 'data-action': 'login' }, 'Log in · लॉग इन'), status);
  document.body.replaceChildren(form);
  document.body.dataset.ready = 'true';
}

async function act(label: string, method: string, url: string, body?: unknown): Promise<void> {
  resultEl.textContent = `${label}…`;
  const res = await call(method, url, body);
  if (res.status === 401) return loginView('Session ended: log in again. · सत्र समाप्त: फिर से लॉग इन करें।');
  const text = await res.text();
  let shown = text;
  try {
    shown = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    /* not JSON */
  }
  resultEl.textContent = maskMobilesInText(`${label}: HTTP ${res.status}\n${shown}`);
  await refresh();
}

function partsSection(s: State): HTMLElement {
  const body = h('tbody');
  for (const [name, p] of Object.entries(s.health.parts).sort(([a], [b]) => a.localeCompare(b))) {
    const history = s.history[name] ?? [];
    body.append(
      h('tr', { 'data-part': name, 'data-level': p.level },
        h('td', { class: 'part' }, name),
        h('td', {}, lvl(p.level)),
        h('td', {}, p.state),
        h('td', { class: 'detail' }, maskMobilesInText(p.detail ?? ''), p.hint ? h('div', { class: 'hint', 'data-testid': `hint-${name}` }, h('b', {}, 'What to do: '), p.hint.en, h('br'), h('span', { lang: 'hi' }, p.hint.hi)) : null,
          h('details', {}, h('summary', {}, `history (${history.length})`), h('ol', { class: 'history' }, ...history.map((t) => h('li', {}, h('time', {}, ist(t.at)), ' ', lvl(t.level), ` ${t.state}${t.detail ? ` — ${maskMobilesInText(t.detail)}` : ''}`))))),
        h('td', {}, ist(p.since)),
      ),
    );
  }
  return h('section', { class: 'wide' }, h('h2', {}, 'Parts'), h('table', { 'data-testid': 'parts' }, h('thead', {}, h('tr', {}, h('th', {}, 'Part'), h('th', {}, 'Level'), h('th', {}, 'State'), h('th', {}, 'Detail · what to do'), h('th', {}, 'Since'))), body));
}

function printerSection(s: State): HTMLElement {
  const bits = s.printer.raw
    ? Object.entries(s.printer.raw).map(([group, flags]) => h('div', {}, h('b', {}, `${group}: `), Object.entries(flags).map(([k, v]) => `${k}=${v ? '1' : '0'}`).join(' ')))
    : [h('div', {}, 'no status reply yet')];
  return h('section', {}, h('h2', {}, 'Printer'), h('p', {}, `state ${s.printer.status.state}${s.printer.status.cause ? ` (${s.printer.status.cause})` : ''} · confirmation: ${s.printer.confirmation.method ?? 'not known yet'} (configured ${s.printer.confirmation.configured}) · port ${s.printer.port ?? '—'}`), h('div', { class: 'bits', 'data-testid': 'printer-bits' }, ...bits));
}

function receiptsSection(s: State): HTMLElement {
  const el = h('section', { class: 'wide' }, h('h2', {}, 'Last receipts (as sent to the printer)'));
  const strip = h('div', { class: 'receipts', 'data-testid': 'receipts' });
  for (const r of s.receipts) strip.append(h('figure', {}, h('img', { src: r.png, alt: `print job ${r.jobId}`, loading: 'lazy', 'data-job': r.jobId }), h('figcaption', {}, `${ist(r.at)} · ${r.result} · ${r.bytes} bytes`)));
  if (!s.receipts.length) strip.append(h('p', {}, 'No print job since start.'));
  el.append(strip);
  return el;
}

function linkSection(s: State): HTMLElement {
  const stat = (value: string, label: string, id: string) => h('div', { class: 'stat', 'data-testid': id }, h('b', {}, value), h('span', {}, label));
  return h('section', {}, h('h2', {}, 'Central link'), h('div', { class: 'stats' },
    stat(String(s.outbox.depth), `requests waiting · oldest ${age(s.outbox.oldestAgeSeconds)}`, 'stat-outbox'),
    stat(s.heartbeat.lastDeliveredAt ? age((Date.parse(s.now) - Date.parse(s.heartbeat.lastDeliveredAt)) / 1000) : 'never', `last heartbeat delivered${s.heartbeat.failedSince ? ` · ${s.heartbeat.failedSince} failed since` : ''}`, 'stat-heartbeat'),
    stat(s.heartbeat.clockSkewSeconds === null ? 'unknown' : `${s.heartbeat.clockSkewSeconds.toFixed(0)} s`, 'clock skew (central − kiosk)', 'stat-skew'),
    stat(s.ui.lastSeenAt ? age((Date.parse(s.now) - Date.parse(s.ui.lastSeenAt)) / 1000) : 'never', 'touchscreen last seen', 'stat-ui'),
  ));
}

function scansSection(s: State): HTMLElement {
  return h('section', {}, h('h2', {}, 'Last scans'), s.scans.length
    ? h('ol', { class: 'log', 'data-testid': 'scans' }, ...s.scans.map((x) => h('li', {}, h('time', {}, ist(x.at)), `${x.kind}: ${x.value}`)))
    : h('p', {}, 'No scan since start.'));
}

function actionsSection(s: State): HTMLElement {
  const btn = (label: string, action: string, run: () => void) => h('button', { type: 'button', 'data-action': action, onclick: run }, label);
  const minutes = h('select', { 'aria-label': 'maintenance duration' }, ...[30, 60, 120, 240].map((m) => h('option', { value: m }, `${m} min`)));
  const latest = new Map(s.selfTests.latest.map((t) => [t.name, t]));
  const last = (name: string) => {
    const t = latest.get(name);
    return h('div', { class: `selftest ${t ? (t.ok ? 'pass' : 'fail') : ''}`, 'data-testid': `selftest-${name}` }, t ? `${t.ok ? 'PASS' : 'FAIL'} · ${ist(t.at)} · ${t.detail} · ${t.by}` : 'not run yet');
  };
  const scan = s.selfTests.scanTest;
  const el = h('section', {}, h('h2', {}, 'Self-tests and actions'), h('div', { class: 'actions' },
    btn('Print test page', 'test-page', () => void act('Print test page', 'POST', '/api/technician/printer/test-page')), last('printer-test-page'),
    btn('Cycle LEDs', 'leds-cycle', () => void act('Cycle LEDs', 'POST', '/api/technician/leds/cycle')), last('leds-cycle'),
    btn('Scan a test code', 'scan-test', () => void act('Scan test', 'POST', '/api/technician/self-tests/scan')), last('scan-test-code'),
    scan ? h('div', { class: 'scan-code', 'data-testid': 'scan-code' }, 'Scan this code with the kiosk scanner within a minute · एक मिनट में स्कैन करें: ', h('b', {}, scan.code), qrSvg(scan.code)) : null,
    h('h3', {}, s.maintenance.active ? `Maintenance until ${ist(s.maintenance.until)}` : 'Maintenance'),
    minutes,
    btn('Start maintenance', 'maintenance-on', () => void act('Maintenance on', 'POST', '/api/technician/maintenance', { until: new Date(Date.now() + Number(minutes.value) * 60_000).toISOString() })),
    btn('End maintenance', 'maintenance-off', () => void act('Maintenance off', 'POST', '/api/technician/maintenance', { until: null })),
    h('h3', {}, 'Touchscreen'),
    btn('Restart browser', 'ui-restart', () => void act('Restart browser', 'POST', '/api/technician/ui/restart')),
    btn('Log out', 'logout', () => void call('POST', '/api/technician/logout').then(() => loginView())),
  ), resultEl);
  if (s.mode === 'simulator') {
    el.append(h('div', { class: 'actions' }, h('h3', {}, 'Simulator'),
      btn('Paper out', 'sim-paper-out', () => void act('Paper out', 'POST', '/api/sim/printer', { paper: 'out' })),
      btn('Paper OK', 'sim-paper-ok', () => void act('Paper OK', 'POST', '/api/sim/printer', { paper: 'ok' })),
      btn('Cover open', 'sim-cover-open', () => void act('Cover open', 'POST', '/api/sim/printer', { cover: 'open' })),
      btn('Cover closed', 'sim-cover-closed', () => void act('Cover closed', 'POST', '/api/sim/printer', { cover: 'closed' })),
      ...(scan ? [btn('Scan the test code', 'sim-scan-test', () => void act('Scan test code', 'POST', '/api/sim/scan', { data: scan.code }))] : []),
    ));
  }
  return el;
}

function render(s: State): void {
  const header = h('header', { class: 'top' },
    h('h1', {}, 'ecorner kiosk · technician'),
    h('span', { class: `overall lvl lvl-${s.health.level}`, 'data-testid': 'overall' }, s.health.level.toUpperCase()),
    h('span', { class: 'meta' }, `kiosk ${s.kiosk} · ${s.site.en} · version ${s.version} · ${s.mode} · up ${age(s.uptimeSeconds)}`),
    h('span', { class: 'meta fingerprint', 'data-testid': 'fingerprint' }, s.fingerprint ? `TLS SHA-256 ${s.fingerprint}` : 'plain HTTP (simulator mode)'),
  );
  const receiptsKey = s.receipts.map((r) => r.jobId + r.result).join();
  const main = h('main', {},
    partsSection(s),
    actionsSection(s),
    printerSection(s),
    linkSection(s),
    scansSection(s),
    receiptsSection(s),
    h('section', { class: 'wide' }, h('h2', {}, 'Recent log lines'), h('ol', { class: 'log', 'data-testid': 'logs' }, ...s.logs.slice(0, 60).map((l) => h('li', {}, maskMobilesInText(l))))),
    h('section', { class: 'wide' }, h('h2', {}, 'Configuration (secrets redacted)'), h('pre', { class: 'config' }, JSON.stringify(s.config, null, 2))),
  );
  // Keep open <details> and images stable across refreshes.
  const open = new Set([...document.querySelectorAll('tr[data-part] details[open]')].map((d) => d.closest('tr')?.getAttribute('data-part')));
  clear(root);
  root.append(header, main);
  for (const tr of root.querySelectorAll('tr[data-part]')) if (open.has(tr.getAttribute('data-part'))) tr.querySelector('details')?.setAttribute('open', '');
  shownReceipts = receiptsKey;
}

async function refresh(): Promise<void> {
  const res = await call('GET', '/api/technician/state').catch(() => null);
  if (!res) return;
  if (res.status === 401) return loginView();
  state = (await res.json()) as State;
  render(state);
  document.body.dataset.view = 'status';
  document.body.dataset.ready = 'true';
}

function start(): void {
  document.body.replaceChildren(root);
  void refresh();
  window.clearInterval(poll);
  poll = window.setInterval(() => void refresh(), 2000);
}

void (async () => {
  const res = await call('GET', '/api/technician/session').catch(() => null);
  if (res?.ok) start();
  else loginView();
})();
void shownReceipts;
