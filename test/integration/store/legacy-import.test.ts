// Upgrade from the JSON store: files written by the previous code
// (test/fixtures/store/legacy, see its README) are imported once, in one
// transaction, and moved aside; damaged ones never stop the kiosk.
import t from 'tap';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseSync } from 'node:sqlite';
import { LEGACY_SEQUENCE_GAP } from '../../../controller/store/legacy-import.js';
import { DATABASE_FILE, RequestStore } from '../../../controller/store/request-store.js';
import { storeHealth } from '../../../controller/store/store-health.js';
import { PrintQueue } from '../../../controller/receipts/print-queue.js';
import type { Printer, PrinterStatus } from '../../../drivers/printer/types.js';
import { tempDir } from '../../helpers/config.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'store', 'legacy');
const NOW = new Date('2026-11-26T10:00:00Z');
const open = (dataDir: string) => RequestStore.open({ dataDir, kioskId: 'KE-DLS-01', siteCode: 'DLS', now: () => NOW });
const input = { service: 'meter-complaint' as const, mobile: '9876543210', account: '1234567890', fields: { type: 'burnt' }, dueBy: new Date('2030-01-01T00:00:00Z') };
const seqOf = (reference: string) => Number(reference.split('-')[3]);

function legacyDir(edit?: { requests?: (d: any) => void; queue?: (d: any) => void }): string {
  const dir = tempDir();
  for (const [name, change] of [['requests.json', edit?.requests], ['print-queue.json', edit?.queue]] as const) {
    const doc = JSON.parse(readFileSync(path.join(fixtures, name), 'utf8'));
    change?.(doc);
    writeFileSync(path.join(dir, name), JSON.stringify(doc));
  }
  return dir;
}

t.test('files written by the JSON store are imported once, completely, and moved aside', async (t) => {
  const dir = legacyDir();
  const original = JSON.parse(readFileSync(path.join(fixtures, 'requests.json'), 'utf8'));
  const store = await open(dir);
  t.equal(store.recovery, null, 'a clean upgrade is not a recovery');
  t.match(store.startup.legacy, { imported: { requests: 6, jobs: 3 }, rejected: { requests: 0, jobs: 0 }, problems: [] });
  t.same(original.requests.map((r: { reference: string }) => store.get(r.reference)), original.requests, 'every request as it was, sync and receipt state included');
  t.same(store.pendingSync(10).map((r) => r.reference), ['KE-DLS-261120-00003', 'KE-DLS-261120-00005', 'KE-DLS-261120-00006']);
  t.same(store.printJobs.list(), JSON.parse(readFileSync(path.join(fixtures, 'print-queue.json'), 'utf8')).jobs, 'jobs with ids, order and unconfirmed state');
  t.equal(store.sequence, 6);
  t.equal(storeHealth(store.recovery, store.size).state, 'ready');
  t.notOk(existsSync(path.join(dir, 'requests.json')));
  t.notOk(existsSync(path.join(dir, 'print-queue.json')));
  t.equal(readdirSync(dir).filter((f) => f.includes('.imported-')).length, 2, 'originals kept aside');
  const next = await store.create(input);
  t.equal(seqOf(next.reference), 7);
  t.equal(store.printJobs.list().at(-1)!.id, `${next.reference}#4`, 'job ids continue the old queue\'s numbering');
  store.close();

  const again = await open(dir);
  t.equal(again.startup.legacy, null, 'imported once');
  t.equal(again.size, 7);
  again.close();
});

t.test('the imported queue prints as before: the unconfirmed job is settled first, nothing twice', async (t) => {
  const dir = legacyDir();
  const store = await open(dir);
  t.teardown(() => store.close());
  let status: PrinterStatus = { state: 'ready', paperNearEnd: false };
  const sent: string[] = [];
  const settled: string[] = [];
  const printer: Printer = {
    get status() { return status; }, raw: null, paperWidthDots: 384, start() {}, async stop() {},
    confirmation: { configured: 'gs-r', method: 'gs-r', probedAt: null },
    async refreshStatus() { return status; },
    async print(_b, id) { sent.push(id); return { ok: true, value: 'printed' }; },
    async settle(id) { settled.push(id); return 'printed'; }, // the printer did print it, late
    onStatus() { return () => undefined; },
  };
  const queue = new PrintQueue({ printer, store, jobs: store.printJobs, render: () => Uint8Array.of(1), now: () => NOW, retryMs: 10 });
  await queue.start(store.withPendingReceipt());
  await queue.kick();
  await queue.stop();
  t.same(settled, ['KE-DLS-261120-00005#1']);
  t.same(sent, ['KE-DLS-261120-00006#2', 'KE-DLS-261120-00001#3'], 'not the settled one again');
  t.same(store.printJobs.list(), []);
  t.equal(store.get('KE-DLS-261120-00005')!.receipt.state, 'printed');
  t.match(store.get('KE-DLS-261120-00003')!.receipt, { state: 'failed', reason: 'not-printed-before-restart' }, 'a days-old receipt never queued is not printed now');
  status = { state: 'paper-end' };
});

t.test('malformed entries (the file that used to crash-loop the controller) are left out, kept and counted', async (t) => {
  const dir = legacyDir({
    requests: (d) => {
      delete d.requests[4].mobile; // valid JSON, entry lacks a field
      d.requests[5].sync = 'synced';
      d.requests.push('not a request');
      d.requests.push({ ...d.requests[0], mobile: '1234' }); // also a duplicate
    },
    queue: (d) => d.jobs.push({ id: 'KE-DLS-261120-00002#9', reference: 'KE-DLS-261120-00002', kind: 'receipt', state: 'printing', attempts: 0, queuedAt: '2026-11-20T10:00:00.000Z' }),
  });
  const store = await open(dir);
  t.teardown(() => store.close());
  const legacy = store.startup.legacy!;
  t.match(legacy, { imported: { requests: 4, jobs: 1 }, rejected: { requests: 4, jobs: 3 } });
  t.ok(store.recovery, 'reported as a recovery');
  const rejected = JSON.parse(readFileSync(legacy.rejectedKeptAs!, 'utf8')).rejected as Array<{ file: string; index: number; error: string }>;
  t.same(rejected.map((r) => [r.file, r.index]), [['requests.json', 4], ['requests.json', 5], ['requests.json', 6], ['requests.json', 7], ['print-queue.json', 0], ['print-queue.json', 1], ['print-queue.json', 3]]);
  t.match(rejected[0]!.error, /mobile/);
  t.match(rejected[4]!.error, /KE-DLS-261120-00005 is not among the imported requests/);
  t.match(rejected[6]!.error, /state/);
  t.equal(store.printJobs.add({ reference: 'KE-DLS-261120-00002', kind: 'reprint', queuedAt: NOW.toISOString(), state: 'queued', attempts: 0 }).id, 'KE-DLS-261120-00002#10', 'job numbers continue above every number seen, even a rejected job\'s');
  t.same(store.printJobs.list().map((j) => j.id), ['KE-DLS-261120-00001#3', 'KE-DLS-261120-00002#10']);
  const health = storeHealth(store.recovery, store.size);
  t.match(health, { level: 'warning', state: 'recovered' });
  t.match(health.detail, /4 malformed request\(s\).*3 malformed print job\(s\).*legacy-rejected-/);
  // The left-out entries' numbers may have been handed out: skip past them.
  t.equal(seqOf((await store.create(input)).reference), 6 + LEGACY_SEQUENCE_GAP + 1);
});

t.test('a file whose sequence is below its own references never hands one out again', async (t) => {
  const dir = legacyDir({ requests: (d) => (d.sequence = 2) });
  const store = await open(dir);
  t.teardown(() => store.close());
  t.match(store.startup.legacy!.problems, [/sequence 2 is below its highest reference number 6/]);
  const next = await store.create(input);
  t.ok(seqOf(next.reference) > 6);
  t.equal(storeHealth(store.recovery, store.size).state, 'recovered');
});

t.test('an unreadable requests.json falls back to its previous generation; its bytes still bound the sequence', async (t) => {
  const dir = legacyDir();
  copyFileSync(path.join(dir, 'requests.json'), path.join(dir, 'requests.json.prev'));
  const prev = JSON.parse(readFileSync(path.join(dir, 'requests.json'), 'utf8'));
  prev.requests.pop();
  writeFileSync(path.join(dir, 'requests.json.prev'), JSON.stringify({ ...prev, sequence: 5 }));
  const text = readFileSync(path.join(dir, 'requests.json'), 'utf8');
  writeFileSync(path.join(dir, 'requests.json'), text.slice(0, text.length - 40)); // a torn write
  const store = await open(dir);
  t.teardown(() => store.close());
  t.match(store.startup.legacy!.problems, [/requests.json is not valid JSON/, /imported its previous generation/, /print job/]);
  t.equal(store.size, 5);
  t.equal(seqOf((await store.create(input)).reference), 6 + LEGACY_SEQUENCE_GAP + 1, 'reference 6, only in the torn file, is never reused');
});

t.test('an import that cannot finish leaves the files in place and the kiosk running, above their references', async (t) => {
  const dir = legacyDir();
  // The database already holds a request numbered like one in the file (old files copied back into an upgraded kiosk).
  const first = await open(dir + '-db');
  await first.create(input);
  await first.create(input);
  first.close();
  renameSync(path.join(dir + '-db', DATABASE_FILE), path.join(dir, DATABASE_FILE));
  const store = await open(dir);
  t.teardown(() => store.close());
  t.match(store.startup.legacy!.problems, [/could not import the JSON store \(.*constraint failed/]);
  t.equal(store.size, 2, 'nothing half-imported');
  t.equal(storeHealth(store.recovery, store.size).state, 'recovered');
  t.ok(existsSync(path.join(dir, 'requests.json')), 'left in place');
  t.ok(seqOf((await store.create(input)).reference) > 6 + LEGACY_SEQUENCE_GAP - 1);
});

t.test('imported, but the files cannot be moved aside: reported, and moved at the next start', async (t) => {
  const dir = legacyDir();
  const stamp = NOW.toISOString().replace(/[:.]/g, '-');
  mkdirSync(path.join(dir, `requests.json.imported-${stamp}`)); // the name is taken by a non-empty directory
  writeFileSync(path.join(dir, `requests.json.imported-${stamp}`, 'x'), 'occupied');
  const store = await open(dir);
  t.match(store.startup.legacy, { imported: { requests: 6, jobs: 3 }, problems: [/could not be moved aside/] });
  store.close();
  rmSync(path.join(dir, `requests.json.imported-${stamp}`), { recursive: true });
  const again = await open(dir);
  t.teardown(() => again.close());
  t.equal(again.size, 6, 'not imported twice');
  t.notOk(existsSync(path.join(dir, 'requests.json')));
});

t.test('a crash after the import committed but before the files moved: not imported twice', async (t) => {
  const dir = legacyDir();
  const store = await open(dir);
  store.close();
  for (const f of readdirSync(dir).filter((f) => f.includes('.imported-'))) copyFileSync(path.join(dir, f), path.join(dir, f.replace(/\.imported-.*/, '')));
  const again = await open(dir);
  t.teardown(() => again.close());
  t.match(again.startup.legacy, { imported: { requests: 0, jobs: 0 } });
  t.equal(again.size, 6);
  t.notOk(existsSync(path.join(dir, 'requests.json')));
  const db = new DatabaseSync(path.join(dir, DATABASE_FILE), { readOnly: true });
  t.match(db.prepare('SELECT count(*) AS n FROM print_jobs').get(), { n: 3 });
  db.close();
});
