import t from 'tap';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { DATABASE_FILE, PRUNE_BATCH, RequestStore, StoreWriteError } from '../../../controller/store/request-store.js';
import { tempDir } from '../../helpers/config.js';

const input = { service: 'meter-complaint' as const, mobile: '9876543210', account: '1234567890', fields: { type: 'burnt' }, dueBy: new Date('2030-01-01T00:00:00Z') };
const open = (dataDir: string, now?: () => Date) => RequestStore.open({ dataDir, kioskId: 'KE-DLS-01', siteCode: 'DLS', ...(now ? { now } : {}) });
/** A second connection, as a technician's sqlite3 would open the file: sees only what is committed. */
const peek = (dir: string) => new DatabaseSync(path.join(dir, DATABASE_FILE), { readOnly: true });

t.test('accepting a request commits reference, request, receipt job and outbox entry together', async (t) => {
  const dir = tempDir();
  const store = await open(dir);
  t.teardown(() => store.close());
  const r = await store.create(input);
  const db = peek(dir);
  t.teardown(() => db.close());
  const row = db.prepare('SELECT * FROM requests WHERE reference = ?').get(r.reference) as Record<string, unknown>;
  t.match(row, { seq: 1, mobile: '9876543210', sync_state: 'pending', receipt: '{"state":"pending"}' });
  t.match(db.prepare('SELECT * FROM print_jobs').all(), [{ id: `${r.reference}#1`, reference: r.reference, kind: 'receipt', state: 'queued', attempts: 0 }]);
  t.match(db.prepare("SELECT value FROM counters WHERE name = 'reference-sequence'").get(), { value: 1 });
  t.same(store.pendingSync(10).map((p) => p.reference), [r.reference], 'the outbox sees it');
  t.match(db.prepare('PRAGMA journal_mode').get(), { journal_mode: 'wal' });
});

t.test('concurrent submissions are all written, references unique', async (t) => {
  const dir = tempDir();
  const store = await open(dir);
  const made = await Promise.all(Array.from({ length: 50 }, () => store.create(input)));
  t.equal(new Set(made.map((r) => r.reference)).size, 50);
  store.close();
  const reopened = await open(dir);
  t.teardown(() => reopened.close());
  t.equal(reopened.size, 50);
  t.equal(reopened.printJobs.list().length, 50);
});

t.test('references are never reused across restarts', async (t) => {
  const dir = tempDir();
  const seen = new Set<string>();
  for (let round = 0; round < 3; round++) {
    const store = await open(dir);
    for (let i = 0; i < 5; i++) seen.add((await store.create(input)).reference);
    store.close();
  }
  t.equal(seen.size, 15);
  t.ok([...seen].some((r) => r.endsWith('-00015')));
});

t.test('a failed write is refused, changes nothing, and leaves no half (request without job)', async (t) => {
  const dir = tempDir();
  const store = await open(dir);
  t.teardown(() => store.close());
  const kept = await store.create(input);
  // The job insert fails after the request row went in: like a full card mid-transaction.
  const other = new DatabaseSync(path.join(dir, DATABASE_FILE));
  other.exec("CREATE TRIGGER full_card BEFORE INSERT ON print_jobs BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
  await t.rejects(store.create(input), StoreWriteError);
  t.equal(store.size, 1);
  const db = peek(dir);
  t.teardown(() => db.close());
  t.match(db.prepare('SELECT count(*) AS n FROM requests').get(), { n: 1 }, 'the request row was rolled back with the job');
  t.match(db.prepare("SELECT value FROM counters WHERE name = 'reference-sequence'").get(), { value: 1 }, 'sequence rolled back: that number was never handed out');
  other.exec('DROP TRIGGER full_card');
  other.close();
  const after = await store.create(input);
  t.not(after.reference, kept.reference);
  t.equal(store.size, 2);
});

t.test('receipt and sync state changes are small updates that survive a restart', async (t) => {
  const dir = tempDir();
  const store = await open(dir);
  const r = await store.create(input);
  store.markSyncFailed(r.reference, 'network: ECONNREFUSED');
  store.markSyncFailed(r.reference, 'network: ECONNREFUSED');
  t.match(store.get(r.reference)!.sync, { state: 'pending', attempts: 2, lastError: 'network: ECONNREFUSED' }, 'failures shown');
  const db = peek(dir);
  t.match(db.prepare('SELECT sync_attempts FROM requests').get(), { sync_attempts: 0 }, 'failures are not written per retry');
  await store.markSynced(r.reference, 'T-9', 'open');
  await store.updateCentralStatus(r.reference, 'closed');
  await store.setReceipt(r.reference, { state: 'waiting', reason: 'paper-end' });
  db.close();
  store.close();
  const again = await open(dir);
  t.teardown(() => again.close());
  t.match(again.get(r.reference), { sync: { state: 'synced', ticket: 'T-9', centralStatus: 'closed', attempts: 2 }, receipt: { state: 'waiting', reason: 'paper-end' } });
  t.notOk(again.get(r.reference)!.sync.lastError);
  t.same(again.pendingSync(10), []);
});

t.test('print jobs: save() keeps exactly the given jobs with all their fields', async (t) => {
  const dir = tempDir();
  const store = await open(dir);
  t.teardown(() => store.close());
  const r = await store.create(input);
  const [job] = store.printJobs.list();
  t.ok(job);
  const sending = { ...job!, state: 'sent-unconfirmed' as const, attempts: 1, lastError: 'unconfirmed (paper-end)', sentAt: '2026-11-26T10:00:00.000Z', copyOf: '2026-11-26T09:59:00.000Z', copies: 1 };
  store.printJobs.save([sending]);
  t.same(store.printJobs.list(), [sending], 'fields without a column (sentAt, copyOf, copies) are kept too');
  const reprint = store.printJobs.add({ reference: r.reference, kind: 'reprint', queuedAt: new Date().toISOString(), state: 'queued', attempts: 0 });
  t.equal(reprint.id, `${r.reference}#2`);
  store.printJobs.save([reprint]);
  t.same(store.printJobs.list().map((j) => j.id), [reprint.id], 'a job left out is removed');
  store.printJobs.save([]);
  t.same(store.printJobs.list(), []);
  t.equal(store.printJobs.add({ reference: r.reference, kind: 'reprint', queuedAt: new Date().toISOString(), state: 'queued', attempts: 0 }).id, `${r.reference}#3`, 'numbers are never reused');
});

t.test('pruning drops only old requests central already holds, in batches, with their jobs', async (t) => {
  let now = new Date('2026-01-01T00:00:00Z');
  const dir = tempDir();
  const store = await open(dir, () => now);
  t.teardown(() => store.close());
  const old = [];
  for (let i = 0; i < PRUNE_BATCH * 2 + 7; i++) old.push(await store.create(input));
  for (const r of old) await store.markSynced(r.reference, `T-${r.reference}`, 'closed');
  const oldPending = await store.create(input);
  now = new Date('2026-06-01T00:00:00Z');
  const fresh = await store.create(input);
  await store.markSynced(fresh.reference, 'T-2', 'open');
  t.equal(await store.prune(90), old.length);
  t.notOk(store.get(old[0]!.reference));
  t.ok(store.get(oldPending.reference), 'never handed over: kept however old');
  t.ok(store.get(fresh.reference));
  t.equal(store.size, 2);
  t.same(store.printJobs.list().map((j) => j.reference), [oldPending.reference, fresh.reference], 'the pruned requests\' jobs went with them');
  t.same(store.backlog(now), { depth: 1, oldestAgeSeconds: (Date.parse('2026-06-01') - Date.parse('2026-01-01')) / 1000 });
  const next = await store.create(input);
  t.ok(Number(next.reference.split('-')[3]) > Number(fresh.reference.split('-')[3]), 'pruning does not lower the sequence');
});

t.test('while central takes the requests, pruning keeps the file from growing: freed pages are reused', async (t) => {
  const PER_DAY = 15;
  let now = new Date('2026-01-01T00:00:00Z');
  const dir = tempDir();
  const store = await open(dir, () => now);
  t.teardown(() => store.close());
  const db = peek(dir);
  t.teardown(() => db.close());
  const pages = () => Number((db.prepare('PRAGMA page_count').get() as { page_count: number }).page_count);
  /** A week of requests, all printed and handed over; then the daily prune keeps 14 days. Returns the file's largest size. */
  const week = async (w: number) => {
    let peak = 0;
    for (let day = 0; day < 7; day++) {
      for (let i = 0; i < PER_DAY; i++) {
        const r = await store.create({ ...input, fields: { type: 'burnt', description: `week ${w} day ${day} #${i}` } });
        await store.setReceipt(r.reference, { state: 'printed', at: now.toISOString() });
        store.printJobs.save([]);
        await store.markSynced(r.reference, `T-${i}`, 'closed');
      }
      peak = Math.max(peak, pages());
      now = new Date(now.getTime() + 86400_000);
      await store.prune(14);
    }
    return peak;
  };
  await week(0);
  await week(1);
  const steady = await week(2);
  t.ok(store.size >= 14 * PER_DAY && store.size <= 15 * PER_DAY, `two weeks kept (${store.size})`);
  let later = 0;
  for (let w = 3; w < 6; w++) later = Math.max(later, await week(w));
  t.ok(steady > 50, `a real file (${steady} pages)`);
  t.ok(later <= steady * 1.05, `three weeks later the file peaks at ${later} pages, as in week 3 (${steady})`);
});

t.test('central lost what it held (new epoch): every handed-over request is offered again, tickets kept', async (t) => {
  const dir = tempDir();
  const store = await open(dir);
  t.teardown(() => store.close());
  const a = await store.create(input);
  const b = await store.create(input);
  const c = await store.create(input);
  await store.markSynced(a.reference, 'T-1', 'open');
  await store.markSynced(b.reference, 'T-2', 'closed');
  t.same(store.pendingSync(10).map((r) => r.reference), [c.reference]);
  t.equal(await store.requeueAll(), 2);
  t.same(store.pendingSync(10).map((r) => r.reference), [a.reference, b.reference, c.reference], 'oldest first');
  t.match(store.get(b.reference)!.sync, { state: 'pending', ticket: 'T-2' });
  t.equal(store.backlog(new Date()).depth, 3);
  store.close();
  const again = await open(dir);
  t.teardown(() => again.close());
  t.equal(again.backlog(new Date()).depth, 3, 'on disk');
  t.equal(await again.requeueAll(), 0);
});

t.test('consumer look-up needs the matching mobile', async (t) => {
  const store = await open(tempDir());
  t.teardown(() => store.close());
  const r = await store.create(input);
  t.ok(store.findForConsumer(r.reference, '9876543210'));
  t.notOk(store.findForConsumer(r.reference, '9876543211'));
  t.notOk(store.findForConsumer('KE-DLS-261126-99999', '9876543210'));
});

t.test("a request's extras (old number, redacted fields, guard's help) survive a restart; a plain request stores none", async (t) => {
  const dir = tempDir();
  const store = await open(dir);
  const extra = { legacyAccount: '12345678', redactedFields: ['details'], guardAssisted: true };
  const withExtras = await store.create({ ...input, extra });
  const plain = await store.create(input);
  store.close();
  const reopened = await open(dir);
  t.teardown(() => reopened.close());
  t.match(reopened.get(withExtras.reference), extra);
  const back = reopened.get(plain.reference)!;
  t.same([back.legacyAccount, back.redactedFields, back.guardAssisted], [undefined, undefined, undefined]);
  const db = peek(dir);
  t.teardown(() => db.close());
  t.equal((db.prepare('SELECT extra FROM requests WHERE reference = ?').get(plain.reference) as { extra: unknown }).extra, null, 'no JSON written for a plain request');
});
