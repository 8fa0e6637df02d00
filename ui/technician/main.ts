// Technician status page (/technician): every part's health from
// GET /api/health, live changes from /api/events, and the self-tests the
// controller offers. Mobile numbers never appear unmasked: the API masks
// them, and anything echoed here goes through the same mask again.
import { maskMobilesInText } from '../../controller/log/mask.js';
import { clear, h } from '../shared/dom.js';
import { connectEvents } from '../shared/events.js';
import type { DeviceHealth, HealthBody, KioskEvent } from '../shared/types.js';

const parts = new Map<string, DeviceHealth>();
const changed = new Set<string>();
const references = new Set<string>();
let info: HealthBody | null = null;
let connection: 'open' | 'closed' = 'closed';

const headerEl = h('header', { class: 'top' });
const partsBody = h('tbody');
const statsEl = h('div', { class: 'stats' });
const logEl = h('ol', { class: 'log', 'aria-live': 'polite' });
const resultEl = h('pre', { class: 'result', 'data-testid': 'result' }, 'No self-test run yet.');
const actionsEl = h('div', { class: 'actions' });

const ist = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat('en-IN', { timeZone: 'Asia/Kolkata', dateStyle: 'medium', timeStyle: 'medium' }).format(d);
};

function ago(iso: string): string {
  const s = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 1000));
  if (!Number.isFinite(s)) return '';
  if (s < 90) return `${s} s ago`;
  if (s < 5400) return `${Math.round(s / 60)} min ago`;
  if (s < 172800) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} d ago`;
}

function renderHeader(): void {
  clear(headerEl);
  const level = info ? worst() : 'warning';
  headerEl.append(
    h('h1', {}, 'ecorner kiosk · technician'),
    h('span', { class: 'meta' }, info ? `kiosk ${info.kiosk} · version ${info.version} · ${info.mode} · up ${Math.round(info.uptimeSeconds / 60)} min (since ${ist(info.startedAt)} IST)` : 'loading…'),
    h('span', { class: `overall lvl lvl-${level}`, 'data-testid': 'overall' }, level.toUpperCase()),
    h('span', { class: `meta conn conn-${connection}` }, connection === 'open' ? '● live' : '○ live updates disconnected'),
  );
}

function worst(): 'ok' | 'warning' | 'fault' {
  const levels = [...parts.values()].map((p) => p.level);
  return levels.includes('fault') ? 'fault' : levels.includes('warning') ? 'warning' : 'ok';
}

function renderParts(): void {
  clear(partsBody);
  for (const [name, p] of [...parts.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    partsBody.append(
      h(
        'tr',
        { class: changed.has(name) ? 'changed' : '', 'data-part': name, 'data-level': p.level },
        h('td', { class: 'part' }, name),
        h('td', {}, h('span', { class: `lvl lvl-${p.level}` }, p.level)),
        h('td', {}, p.state),
        h('td', { class: 'detail' }, maskMobilesInText(p.detail ?? '')),
        h('td', {}, h('span', { title: ist(p.since) }, ago(p.since))),
      ),
    );
  }
  changed.clear();
}

function renderStats(): void {
  clear(statsEl);
  const store = parts.get('store')?.detail ?? '';
  const onDisk = /(\d+) requests? on disk/.exec(store)?.[1];
  const central = parts.get('central');
  const stat = (value: string, label: string, id: string) => h('div', { class: 'stat', 'data-testid': id }, h('b', {}, value), h('span', {}, label));
  statsEl.append(
    stat(onDisk ?? '–', 'requests on disk', 'stat-store'),
    stat(String(references.size), 'receipts handled since this page opened', 'stat-recent'),
    stat(central ? central.state : '–', central?.detail ? maskMobilesInText(central.detail) : 'central link', 'stat-central'),
  );
}

function log(text: string): void {
  logEl.prepend(h('li', {}, h('time', {}, new Date().toLocaleTimeString('en-IN', { timeZone: 'Asia/Kolkata', hour12: false })), maskMobilesInText(text)));
  while (logEl.children.length > 100) logEl.lastElementChild?.remove();
}

function render(): void {
  renderHeader();
  renderParts();
  renderStats();
}

async function loadHealth(): Promise<void> {
  try {
    const res = await fetch('/api/health', { cache: 'no-store' });
    const body = (await res.json()) as HealthBody;
    info = body;
    for (const [k, v] of Object.entries(body.parts)) parts.set(k, v);
    render();
    renderActions();
  } catch (err) {
    log(`health not readable: ${String(err)}`);
  }
}

async function post(label: string, url: string, body?: unknown): Promise<void> {
  resultEl.textContent = `${label}…`;
  for (const b of actionsEl.querySelectorAll('button')) b.disabled = true;
  try {
    const res = await fetch(url, { method: 'POST', headers: body === undefined ? {} : { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await res.text();
    let shown = text;
    try {
      shown = JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      /* not JSON: show as is */
    }
    resultEl.textContent = maskMobilesInText(`${label}: HTTP ${res.status}${res.status === 404 ? ' (this controller does not offer it)' : ''}\n${shown}`);
    log(`${label}: HTTP ${res.status}`);
  } catch (err) {
    resultEl.textContent = `${label}: failed: ${String(err)}`;
  } finally {
    for (const b of actionsEl.querySelectorAll('button')) b.disabled = false;
  }
}

function renderActions(): void {
  clear(actionsEl);
  const btn = (label: string, action: string, run: () => void) => h('button', { type: 'button', 'data-action': action, onclick: run }, label);
  actionsEl.append(
    h('h3', {}, 'Self-tests'),
    btn('Print test page', 'test-page', () => void post('Print test page', '/api/technician/printer/test-page')),
    btn('Reload health', 'reload', () => void loadHealth()),
  );
  if (info?.mode === 'simulator') {
    actionsEl.append(
      h('h3', {}, 'Simulator: virtual printer'),
      btn('Paper out', 'sim-paper-out', () => void post('Paper out', '/api/sim/printer', { paper: 'out' })),
      btn('Paper near end', 'sim-paper-near', () => void post('Paper near end', '/api/sim/printer', { paper: 'near-end' })),
      btn('Paper OK', 'sim-paper-ok', () => void post('Paper OK', '/api/sim/printer', { paper: 'ok' })),
      btn('Cover open', 'sim-cover-open', () => void post('Cover open', '/api/sim/printer', { cover: 'open' })),
      btn('Cover closed', 'sim-cover-closed', () => void post('Cover closed', '/api/sim/printer', { cover: 'closed' })),
      btn('Printer offline', 'sim-offline', () => void post('Printer offline', '/api/sim/printer', { online: false })),
      btn('Printer online', 'sim-online', () => void post('Printer online', '/api/sim/printer', { online: true })),
      h('h3', {}, 'Simulator: virtual scanner'),
      btn('Scan account 1234567890', 'sim-scan-account', () => void post('Scan account', '/api/sim/scan', { data: '1234567890' })),
      btn('Scan legacy 12345678', 'sim-scan-legacy', () => void post('Scan legacy number', '/api/sim/scan', { data: '12345678' })),
      btn('Scan garbage', 'sim-scan-unknown', () => void post('Scan unrecognised code', '/api/sim/scan', { data: 'HELLO-WORLD' })),
    );
  }
}

function onEvent(e: KioskEvent): void {
  switch (e.type) {
    case 'snapshot':
      for (const [k, v] of Object.entries(e.health.parts)) parts.set(k, v);
      log(`snapshot: ${Object.keys(e.health.parts).length} parts, overall ${e.health.level}`);
      break;
    case 'device-status':
      parts.set(e.device, e.health);
      changed.add(e.device);
      log(`${e.device}: ${e.health.level} ${e.health.state}${e.health.detail ? ` (${e.health.detail})` : ''}`);
      break;
    case 'scan':
      log(`scan ${e.kind}: ${e.value}`);
      break;
    case 'receipt-state':
      references.add(e.reference);
      log(`receipt ${e.reference}: ${e.state}${e.reason ? ` (${e.reason})` : ''}`);
      break;
  }
  render();
}

function start(): void {
  document.body.replaceChildren(
    headerEl,
    h(
      'main',
      {},
      h('section', { class: 'wide' }, h('h2', {}, 'Parts'), h('table', { 'data-testid': 'parts' }, h('thead', {}, h('tr', {}, h('th', {}, 'Part'), h('th', {}, 'Level'), h('th', {}, 'State'), h('th', {}, 'Detail'), h('th', {}, 'Since'))), partsBody)),
      h('section', {}, h('h2', {}, 'Requests'), statsEl),
      h('section', {}, h('h2', {}, 'Self-tests'), actionsEl, resultEl),
      h('section', { class: 'wide' }, h('h2', {}, 'Live events'), logEl),
    ),
  );
  render();
  renderActions();
  void loadHealth().then(() => (document.body.dataset.ready = 'true'));
  window.setInterval(() => void loadHealth(), 15_000);
  connectEvents(onEvent, (open) => {
    connection = open ? 'open' : 'closed';
    document.body.dataset.events = connection;
    renderHeader();
  });
}

start();
