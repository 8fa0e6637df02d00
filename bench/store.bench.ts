// The store's cost per request as it grows, its disk writes per request and
// per idle hour, and its throughput under 20 concurrent clients, each against
// a baseline measured in the same run (the empty store, the JSON store this
// one replaced: bench/baseline/).
//
//   P6  submit latency with 50,000 requests stored ÷ with an empty store (goal ≤ 1.3×)
//   P8  bytes written per accepted request, every effect included (request,
//       receipt job, receipt printed, hand-over to central), read from
//       /proc/<pid>/io write_bytes around a batch, at 100 and 50,000 stored
//       (goal ≤ 64 KB); and bytes written per idle hour (goal ≤ 1 MB)
//   C20 20 concurrent clients' throughput ÷ the JSON store's (goal ≥ 1×)
//
// The kiosk-level figures run the real controller (controller/main.ts) as a
// child process with a `tcp` printer and central both served from this
// process, so the child's write_bytes are the kiosk's own writes only.
import { closeSync, fsyncSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { pino } from 'pino';
import { startSimulatorCentral } from '../central/simulator.js';
import { buildApp } from '../controller/app.js';
import { EventBus } from '../controller/events/bus.js';
import { HealthRegistry } from '../controller/health/registry.js';
import type { KioskContext } from '../controller/context.js';
import { buildCatalogue } from '../controller/services/catalogue.js';
import { insertRequestStatement } from '../controller/store/request-rows.js';
import { DATABASE_FILE, RequestStore } from '../controller/store/request-store.js';
import type { StoredRequest } from '../controller/store/types.js';
import { loadNetworkConfig } from '../config/load.js';
import { VirtualPrinter } from '../drivers/printer/virtual.js';
import { emptyLinkState, LinkStateFile } from '../controller/central-link/state-file.js';
import { loadTestConfig, writeTestConfig } from '../test/helpers/config.js';
import { startController } from '../test/helpers/process.js';
import { DurableJsonFile } from '../controller/store/durable-json-file.js';
import { JsonRequestStore } from './baseline/json-request-store.js';

const KB = 1024;
const quiet = pino({ level: 'silent' });
const tempDir = () => mkdtempSync(path.join(tmpdir(), 'ecorner-bench-'));
const body = (i: number) => ({ service: 'billing-complaint', mobile: `98${String(76500000 + i).slice(-8)}`, account: '1234567890', fields: { type: 'wrong-reading', description: `Reading on the bill is not the meter's, case ${i}` } });
const input = { service: 'billing-complaint' as const, mobile: '9876543210', account: '1234567890', fields: { type: 'wrong-reading', description: 'Reading on the bill is not the meter\'s' }, dueBy: new Date() };

function writeBytes(pid: number | 'self'): number {
  const m = /write_bytes: (\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'));
  if (!m) throw new Error(`no write_bytes in /proc/${pid}/io`);
  return Number(m[1]);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function historic(i: number, now: number): StoredRequest {
  const at = new Date(now - 3 * 86400_000 + i); // recent: not pruned at start
  return {
    reference: `KE-DLS-261120-${String(i).padStart(5, '0')}`, service: 'billing-complaint', mobile: '9876543210', account: '1234567890',
    fields: { type: 'excess-bill', description: 'Bill for October is three times the usual amount, meter reading not taken.' },
    createdAt: at.toISOString(), dueBy: new Date(at.getTime() + 7 * 86400_000).toISOString(), kioskId: 'KE-DLS-SIM',
    sync: { state: 'synced', attempts: 1, ticket: `T-${i}`, centralStatus: 'closed', syncedAt: at.toISOString() },
    receipt: { state: 'printed', at: at.toISOString() },
  };
}

/** A kiosk database holding `n` handed-over, printed requests: one bulk transaction. */
async function seed(dataDir: string, n: number): Promise<void> {
  (await RequestStore.open({ dataDir, kioskId: 'KE-DLS-SIM', siteCode: 'DLS' })).close();
  if (n === 0) return;
  const db = new DatabaseSync(path.join(dataDir, DATABASE_FILE));
  const insert = insertRequestStatement(db);
  const now = Date.now();
  db.exec('BEGIN');
  for (let i = 1; i <= n; i++) insert(i, historic(i, now));
  db.prepare("UPDATE counters SET value = ? WHERE name = 'reference-sequence'").run(n);
  db.exec('COMMIT');
  db.close();
  // On disk before measuring: otherwise the first commits' fsyncs pay for the seed.
  const fd = openSync(path.join(dataDir, DATABASE_FILE), 'r');
  fsyncSync(fd);
  closeSync(fd);
}

/** The old JSON store holding `n` handed-over, printed requests. */
async function jsonStoreWith(dataDir: string, n: number): Promise<JsonRequestStore> {
  const now = Date.now();
  await new DurableJsonFile(path.join(dataDir, 'requests.json'), (d) => ({ ok: true, value: d }))
    .write({ version: 1, sequence: n, requests: Array.from({ length: n }, (_, i) => historic(i + 1, now)) });
  return JsonRequestStore.open({ dataDir, kioskId: 'KE-DLS-SIM', siteCode: 'DLS' });
}

// ── store level: the store alone, same operations for both stores ──────────

/** Who goes first alternates: the one after pays for the other's fsync still settling. */
const turns = <T>(items: T[], round: number): Array<[number, T]> => {
  const order = [...items.entries()];
  return round % 2 === 0 ? order : order.reverse();
};

/** Median create() latency of each store, taking turns so both see the same machine load. */
async function createLatency(stores: Array<{ create(i: typeof input): Promise<unknown> }>, n: number): Promise<number[]> {
  const times: number[][] = stores.map(() => []);
  for (let i = 0; i < n; i++) {
    for (const [k, store] of turns(stores, i)) {
      const start = process.hrtime.bigint();
      await store.create(input);
      times[k]!.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return times.map(median);
}

/** Every write a request causes in the store: accepted (+ job), printed, handed over. */
async function storeBytesPerRequest(kind: 'sqlite' | 'json', stored: number, batch: number): Promise<number> {
  const dir = tempDir();
  try {
    if (kind === 'sqlite') {
      await seed(dir, stored);
      const store = await RequestStore.open({ dataDir: dir, kioskId: 'KE-DLS-SIM', siteCode: 'DLS' });
      const before = writeBytes('self');
      for (let i = 0; i < batch; i++) {
        const r = await store.create(input);
        // As the print queue does: `sending` saved before the first byte, then printed, then the job removed.
        const job = store.printJobs.list().find((j) => j.reference === r.reference)!;
        store.printJobs.save([{ ...job, state: 'sending', sentAt: new Date().toISOString() }]);
        await store.setReceipt(r.reference, { state: 'printed', at: new Date().toISOString() });
        store.printJobs.save([]);
        await store.markSynced(r.reference, `T-${r.reference}`, 'received');
      }
      const bytes = (writeBytes('self') - before) / batch;
      store.close();
      return bytes;
    }
    const reopened = await jsonStoreWith(dir, stored);
    const queue = new DurableJsonFile<{ version: 1; seq: number; jobs: unknown[] }>(path.join(dir, 'print-queue.json'), (d) => ({ ok: true, value: d as never }));
    const before = writeBytes('self');
    for (let i = 0; i < batch; i++) {
      const r = await reopened.create(input);
      await queue.write({ version: 1, seq: i + 1, jobs: [{ id: `${r.reference}#${i + 1}`, reference: r.reference, kind: 'receipt', queuedAt: r.createdAt, state: 'queued', attempts: 0 }] });
      await reopened.setReceipt(r.reference, { state: 'printed', at: new Date().toISOString() });
      await queue.write({ version: 1, seq: i + 1, jobs: [] });
      await reopened.markSynced(r.reference, `T-${r.reference}`, 'received');
    }
    return (writeBytes('self') - before) / batch;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function storeLevel(): Promise<void> {
  const dirs = [tempDir(), tempDir()];
  await seed(dirs[0]!, 0);
  await seed(dirs[1]!, 50_000);
  const stores = await Promise.all(dirs.map((dataDir) => RequestStore.open({ dataDir, kioskId: 'KE-DLS-SIM', siteCode: 'DLS' })));
  const [empty, full] = (await createLatency(stores, 150)) as [number, number];
  for (const s of stores) s.close();
  console.log(`store P6 (store alone, taking turns): durable create, median of 150: empty ${empty.toFixed(2)} ms; 50,000 stored ${full.toFixed(2)} ms  ratio ${(full / empty).toFixed(2)}x (goal <= 1.3x)`);
  const jsonDirs = [tempDir(), tempDir()];
  const [j1, j10] = (await createLatency([await jsonStoreWith(jsonDirs[0]!, 1000), await jsonStoreWith(jsonDirs[1]!, 10_000)], 15)) as [number, number];
  for (const d of [...dirs, ...jsonDirs]) rmSync(d, { recursive: true, force: true });
  console.log(`store P6 baseline (old JSON store): 1,000 stored ${j1.toFixed(2)} ms; 10,000 stored ${j10.toFixed(2)} ms  ratio ${(j10 / j1).toFixed(1)}x`);

  const s100 = await storeBytesPerRequest('sqlite', 100, 40);
  const s50k = await storeBytesPerRequest('sqlite', 50_000, 40);
  const j100 = await storeBytesPerRequest('json', 100, 10);
  const j1100 = await storeBytesPerRequest('json', 1100, 10);
  console.log(`store P8 (store alone: accept + job, printed, handed over): SQLite ${(s100 / KB).toFixed(1)} KB/request at 100 stored, ${(s50k / KB).toFixed(1)} KB at 50,000; old JSON store ${(j100 / KB).toFixed(1)} KB at 100, ${(j1100 / KB).toFixed(1)} KB at 1,100  ratio at 100: ${(s100 / j100).toFixed(2)}x`);
}

// ── kiosk level: the real controller process, every effect included ────────

interface Outside {
  centralUrl: string;
  printerPort: number;
  stop(): Promise<void>;
}

async function outside(dataDir: string): Promise<Outside> {
  const loaded = loadTestConfig(dataDir);
  const central = await startSimulatorCentral(loaded.config, { dataDir: path.join(dataDir, 'outside'), log: quiet, port: 0 });
  const printer = new VirtualPrinter({ port: 0, log: quiet });
  const printerPort = await printer.start();
  return { centralUrl: central.url, printerPort, stop: async () => { await printer.stop(); await central.close(); } };
}

interface Kiosk {
  url: string;
  pid: number;
}

async function kioskRun(stored: number): Promise<Kiosk & { stop(): Promise<void> }> {
  const dataDir = tempDir();
  const kioskDir = path.join(dataDir, 'kiosk');
  await seed(kioskDir, stored);
  const world = await outside(dataDir);
  const config = writeTestConfig(dataDir, (c) => {
    c.dataDir = kioskDir;
    c.devices.printer = { type: 'tcp', host: '127.0.0.1', port: world.printerPort, paperWidthMm: 58 };
    c.simulator.startCentral = false;
    c.central.url = world.centralUrl;
    c.central.heartbeatSeconds = 5;
  });
  const proc = await startController(['--sim'], { ECORNER_CONFIG: config, ECORNER_LOG_LEVEL: 'info' }, 120_000);
  return {
    url: proc.url,
    pid: proc.child.pid!,
    stop: async () => {
      proc.child.kill('SIGTERM');
      await new Promise((r) => proc.child.once('exit', r));
      await world.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function submit(url: string, i: number): Promise<{ reference: string; mobile: string; ms: number }> {
  const b = body(i);
  const start = process.hrtime.bigint();
  const res = await fetch(`${url}/api/requests`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (res.status !== 201) throw new Error(`submit: ${res.status} ${await res.text()}`);
  return { reference: ((await res.json()) as { reference: string }).reference, mobile: b.mobile, ms };
}

/** Until every request is printed and handed to central: all its effects are on disk. */
async function settled(url: string, made: Array<{ reference: string; mobile: string }>): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (const m of made) {
    for (;;) {
      const r = (await (await fetch(`${url}/api/requests/${m.reference}?mobile=${m.mobile}`)).json()) as { receipt: { state: string }; central: { state: string } };
      if (r.receipt.state === 'printed' && r.central.state === 'synced') break;
      if (Date.now() > deadline) throw new Error(`${m.reference} not settled: ${JSON.stringify(r)}`);
      await new Promise((res) => setTimeout(res, 50));
    }
  }
}

/** One consumer at a time at each kiosk, the kiosks taking turns so both see the same load. */
async function latencyRun(kiosks: Kiosk[], n: number): Promise<number[]> {
  const times: number[][] = kiosks.map(() => []);
  for (let i = 0; i < n; i++) {
    for (const [k, kiosk] of turns(kiosks, i)) {
      const made = await submit(kiosk.url, i);
      times[k]!.push(made.ms);
      await settled(kiosk.url, [made]);
    }
  }
  return times.map(median);
}

async function bytesRun(url: string, pid: number, batch: number): Promise<number> {
  const before = writeBytes(pid);
  const made = [];
  for (let i = 0; i < batch; i++) made.push(await submit(url, 1000 + i));
  await settled(url, made);
  return (writeBytes(pid) - before) / batch;
}

async function kioskLevel(): Promise<void> {
  const empty = await kioskRun(0);
  const hundred = await kioskRun(100);
  const full = await kioskRun(50_000);
  const kiosks = [empty, hundred, full];
  const measure = async () => {
    const [emptyMs, fullMs] = (await latencyRun([empty, full], 50)) as [number, number];
    const b100 = await bytesRun(hundred.url, hundred.pid, 30);
    const b50k = await bytesRun(full.url, full.pid, 30);
    const seconds = 30;
    const before = writeBytes(full.pid);
    await new Promise((r) => setTimeout(r, seconds * 1000));
    return { emptyMs, fullMs, b100, b50k, idle: { bytes: writeBytes(full.pid) - before, seconds } };
  };
  let m: Awaited<ReturnType<typeof measure>>;
  try {
    m = await measure();
  } finally {
    for (const k of kiosks) await k.stop();
  }
  const { emptyMs, fullMs, b100, b50k, idle } = m;
  console.log(`kiosk P6 (HTTP, 1 client, sequential, median of 50): empty ${emptyMs.toFixed(2)} ms; 50,000 stored ${fullMs.toFixed(2)} ms  ratio ${(fullMs / emptyMs).toFixed(2)}x (goal <= 1.3x)`);
  console.log(`kiosk P8 (controller process, every effect: accept, receipt printed, handed to central): ${(b100 / KB).toFixed(1)} KB/request at 100 stored; ${(b50k / KB).toFixed(1)} KB/request at 50,000 stored (goal <= 64 KB)`);
  const perHour = (idle.bytes * 3600) / idle.seconds;
  const before = await idleBaseline();
  console.log(`kiosk idle: ${idle.bytes} bytes in ${idle.seconds} s with heartbeats every 5 s (12x the default 60 s), scaled to ${(perHour / KB).toFixed(0)} KB/hour (goal <= 1024 KB/hour); baseline, the link state saved at every heartbeat as before: ${(before / KB).toFixed(0)} KB/hour at the default 60 s`);
}

/** What an idle kiosk wrote before: central-link.json saved after every delivered heartbeat (60 an hour). */
async function idleBaseline(): Promise<number> {
  const dir = tempDir();
  const file = new LinkStateFile(path.join(dir, 'central-link.json'));
  const state = { ...emptyLinkState(), statusCursor: 1234 };
  await file.save(state);
  const before = writeBytes('self');
  const saves = 20;
  for (let i = 0; i < saves; i++) await file.save({ ...state, lastDeliveredAt: new Date(Date.now() + i * 60_000).toISOString() });
  const bytes = writeBytes('self') - before;
  rmSync(dir, { recursive: true, force: true });
  return (bytes / saves) * 60;
}

// ── 20 concurrent clients over HTTP: SQLite store vs the JSON store ────────

async function concurrent(): Promise<void> {
  const CLIENTS = 20;
  const EACH = 15;
  const run = async (store: RequestStore | JsonRequestStore, dataDir: string): Promise<number> => {
    const loaded = loadTestConfig(dataDir);
    const bus = new EventBus();
    const now = () => new Date();
    const ctx: KioskContext = { config: loaded.config, network: loaded.network, log: quiet, bus, health: new HealthRegistry(bus, now), version: 'bench', simulator: true, now };
    // The submit route uses create() only; the JSON store has the same one.
    const app = await buildApp(ctx, { store: store as RequestStore, catalogue: buildCatalogue(loadNetworkConfig()) });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const start = process.hrtime.bigint();
    await Promise.all(Array.from({ length: CLIENTS }, async (_, c) => {
      for (let i = 0; i < EACH; i++) await submit(url, c * 100 + i);
    }));
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    await app.close();
    return (CLIENTS * EACH) / seconds;
  };
  const sqliteDir = tempDir();
  await seed(sqliteDir, 1000);
  const sqlite = await RequestStore.open({ dataDir: sqliteDir, kioskId: 'KE-DLS-SIM', siteCode: 'DLS' });
  const jsonDir = tempDir();
  const json = await jsonStoreWith(jsonDir, 1000);
  const base = await run(json, jsonDir);
  const ours = await run(sqlite, sqliteDir);
  sqlite.close();
  rmSync(sqliteDir, { recursive: true, force: true });
  rmSync(jsonDir, { recursive: true, force: true });
  console.log(`store C20 (20 clients x ${EACH} submissions over HTTP, 1,000 stored): old JSON store ${base.toFixed(0)} req/s; SQLite ${ours.toFixed(0)} req/s  ratio ${(ours / base).toFixed(2)}x (goal >= 1x)`);
}

export async function run(): Promise<void> {
  const only = process.env.ECORNER_BENCH_STORE;
  if (!only || only === 'store') await storeLevel();
  if (!only || only === 'concurrent') await concurrent();
  if (!only || only === 'kiosk') await kioskLevel();
}
