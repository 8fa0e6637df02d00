// Renders the fleet page with several simulated kiosks in different states
// and takes a browser screenshot of it.
//   tsx central/tools/fleet-screenshot.ts [--out file.png] [--keep]
// A day of heartbeats is simulated with an injected clock against a real
// central on loopback; requests go through the real signed intake.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { chromium } from 'playwright-core';
import type { KioskEntry } from '../config/schema.js';
import type { HeartbeatPayload } from '../../protocol/heartbeat.js';
import { signRequest } from '../../protocol/signing.js';
import { startCentral } from '../server.js';

const { values } = parseArgs({ options: { out: { type: 'string' }, keep: { type: 'boolean', default: false } } });
const out = path.resolve(values.out ?? path.join(tmpdir(), 'ecorner-fleet.png'));
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const kiosks: KioskEntry[] = [
  { id: 'KE-DLS-01', site: 'DLS', name: 'Dehli Sujanpur', circle: 'circle-3', substation: 'dehli-sujanpur', secret: 'shot-secret-dls-01-xxxxxxxx' },
  { id: 'KE-DBL-01', site: 'DBL', name: 'Dabauli', circle: 'circle-4', substation: 'kalyanpur', secret: 'shot-secret-dbl-01-xxxxxxxx' },
  { id: 'KE-KSP-01', site: 'KSP', name: 'Keshavpuram', circle: 'circle-4', substation: 'vikas-nagar', secret: 'shot-secret-ksp-01-xxxxxxxx' },
  { id: 'KE-PHB-01', site: 'PHB', name: 'Phoolbagh', circle: 'circle-1', substation: 'phoolbagh', secret: 'shot-secret-phb-01-xxxxxxxx' },
  { id: 'KE-DDN-01', site: 'DDN', name: 'Dada Nagar', circle: 'circle-2', substation: 'dada-nagar', secret: 'shot-secret-ddn-01-xxxxxxxx' },
  { id: 'KE-DLS-02', site: 'DLS', name: 'Dehli Sujanpur (2nd)', circle: 'circle-3', substation: 'naubasta', secret: 'shot-secret-dls-02-xxxxxxxx' },
];

const end = new Date('2025-11-26T08:30:00Z'); // 14:00 IST
let current = new Date(end.getTime() - 24 * 3600_000);
const now = () => new Date(current);

const dir = mkdtempSync(path.join(tmpdir(), 'ecorner-shot-'));
const central = await startCentral({
  port: 0, dbPath: path.join(dir, 'central.sqlite'), kiosks, networkPath: path.join(repoRoot, 'config', 'network.json'),
  heartbeat: { periodSeconds: 60, graceSeconds: 120 }, now, log: pino({ level: 'warn' }), timers: false,
  // a throw-away central on loopback: the page opens without a viewer token
  public: true,
});

async function send(k: KioskEntry, method: string, urlPath: string, body: unknown): Promise<void> {
  const raw = JSON.stringify(body);
  const res = await central.app.inject({ method: method as 'POST', url: urlPath, payload: raw, headers: { 'content-type': 'application/json', ...signRequest(k.secret, { kioskId: k.id, method, path: urlPath, body: raw }, now()) } });
  if (res.statusCode >= 300) throw new Error(`${k.id} ${urlPath}: ${res.statusCode} ${res.body}`);
}

const seq = new Map<string, number>();
function hb(k: KioskEntry, over: Partial<HeartbeatPayload> = {}): HeartbeatPayload {
  const n = (seq.get(k.id) ?? 0) + 1;
  seq.set(k.id, n);
  const at = now().toISOString();
  return {
    kioskId: k.id, sequence: n, version: k.id === 'KE-KSP-01' ? '0.1.0' : '0.2.1', uptimeSeconds: n * 60, clock: at, periodSeconds: 60,
    health: { level: 'ok', parts: { printer: { level: 'ok', state: 'ready', since: at }, scanner: { level: 'ok', state: 'ready', since: at } } },
    printer: { paper: 'ok' }, lastScanAt: null, ui: { alive: true, lastSeenAt: at }, outbox: { depth: 0, oldestAgeSeconds: null, failures: 0 },
    selfTests: [], maintenance: { active: false, until: null },
    system: { diskFreeBytes: 21.4e9, diskTotalBytes: 29.1e9, memAvailableBytes: 2.1e9, memTotalBytes: 3.9e9, cpuTempC: 48 + (n % 7), throttle: null },
    changes: [], droppedChanges: 0, failedSince: 0, ...over,
  };
}

// Who is silent when (minutes before `end`): gaps make the history strips.
const silent: Record<string, Array<[number, number]>> = {
  'KE-DLS-01': [[18 * 60, 17 * 60 + 10]],
  'KE-DBL-01': [[9 * 60, 8 * 60], [2.5, 0]],
  'KE-KSP-01': [[3 * 60 + 20, 0]],
  'KE-PHB-01': [[13 * 60, 12 * 60 + 20]],
  'KE-DDN-01': [[1 * 60 + 30, 0]],
  'KE-DLS-02': [],
};
const isSilent = (id: string, minsBefore: number) => (silent[id] ?? []).some(([from, to]) => minsBefore <= from && minsBefore >= to);

let reqNo = 0;
const services = ['supply-complaint', 'billing-complaint', 'new-connection', 'meter-complaint', 'supply-complaint', 'load-change'] as const;
for (let t = current.getTime(); t <= end.getTime(); t += 60_000) {
  current = new Date(t);
  const minsBefore = (end.getTime() - t) / 60_000;
  for (const k of kiosks) {
    if (isSilent(k.id, minsBefore)) continue;
    const over: Partial<HeartbeatPayload> = {};
    if (k.id === 'KE-DDN-01' && minsBefore <= 95) over.maintenance = { active: true, until: new Date(end.getTime() + 45 * 60_000).toISOString() };
    if (k.id === 'KE-PHB-01' && minsBefore <= 50) {
      over.health = { level: 'fault', parts: { printer: { level: 'fault', state: 'paper-end', detail: 'out of paper: load a new roll', since: new Date(end.getTime() - 50 * 60_000).toISOString() }, scanner: { level: 'ok', state: 'ready', since: now().toISOString() } } };
      over.printer = { paper: 'out' };
    }
    if (k.id === 'KE-DLS-02') {
      over.health = { level: 'warning', parts: { printer: { level: 'warning', state: 'paper-near-end', detail: 'paper roll nearly used up; replace soon', since: now().toISOString() } } };
      over.printer = { paper: 'near-end' };
      over.system = { diskFreeBytes: 18.2e9, diskTotalBytes: 29.1e9, memAvailableBytes: 1.8e9, memTotalBytes: 3.9e9, cpuTempC: 71.5, throttle: { raw: '0x50000', underVoltageNow: false, frequencyCappedNow: false, throttledNow: false, softTempLimitNow: false, underVoltageOccurred: true, frequencyCappedOccurred: false, throttledOccurred: true, softTempLimitOccurred: false } };
    }
    if (k.id === 'KE-DBL-01' && minsBefore <= 40) over.outbox = { depth: 12, oldestAgeSeconds: 38 * 60, failures: 4 };
    await send(k, 'POST', '/api/v1/heartbeats', hb(k, over));
    // Consumers: busier in the day (IST 09:00-18:00 = 03:30-12:30 UTC).
    const hour = current.getUTCHours() + current.getUTCMinutes() / 60;
    if (hour > 3.5 && hour < 12.5 && (t / 60_000 + k.id.length * 7 + k.site.charCodeAt(0)) % 23 === 0) {
      reqNo += 1;
      const service = services[reqNo % services.length]!;
      const d = current;
      const ref = `KE-${k.site}-${String(d.getUTCFullYear() % 100).padStart(2, '0')}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}-${String(reqNo).padStart(5, '0')}`;
      await send(k, 'POST', '/api/v1/requests', {
        reference: ref, service, mobile: '9876543210', account: '2130000001',
        fields: service === 'supply-complaint' ? { substation: k.substation!, type: 'no-supply' } : { description: 'via kiosk' },
        createdAt: current.toISOString(), dueBy: new Date(t + 86400_000).toISOString(),
      });
    }
  }
  if (t % (5 * 60_000) === 0) central.app.central.monitor.evaluateAll();
}
central.app.central.monitor.evaluateAll();

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  await page.goto(central.url, { waitUntil: 'load', timeout: 15_000 });
  await page.screenshot({ path: out, fullPage: true });
  console.log(`fleet page: ${central.url} → ${out}`);
  for (const k of central.app.central.monitor.list()) console.log(`${k.id.padEnd(10)} ${k.state.padEnd(12)} faults=${k.faults.length} backlog=${k.outbox?.depth ?? '-'}`);
} finally {
  await browser.close();
  if (!values.keep) {
    await central.close();
    rmSync(dir, { recursive: true, force: true });
  } else console.log(`--keep: central still running at ${central.url} (Ctrl-C to stop)`);
}
