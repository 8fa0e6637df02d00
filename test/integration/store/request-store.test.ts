import t from 'tap';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RequestStore, SEQUENCE_GAP_AFTER_RESTORE, StoreWriteError } from '../../../controller/store/request-store.js';
import { storeHealth } from '../../../controller/store/store-health.js';
import { tempDir } from '../../helpers/config.js';

const input = { service: 'meter-complaint' as const, mobile: '9876543210', account: '1234567890', fields: { type: 'burnt' }, dueBy: new Date('2030-01-01T00:00:00Z') };
const open = (dataDir: string, now?: () => Date) => RequestStore.open({ dataDir, kioskId: 'KE-DLS-01', siteCode: 'DLS', ...(now ? { now } : {}) });

t.test('a created request is on disk, with its sequence, before create() resolves', async (t) => {
  const dir = tempDir();
  const store = await open(dir);
  const r = await store.create(input);
  const onDisk = JSON.parse(readFileSync(path.join(dir, 'requests.json'), 'utf8'));
  t.equal(onDisk.sequence, 1);
  t.equal(onDisk.requests[0].reference, r.reference);
  t.equal(onDisk.requests[0].mobile, '9876543210');
  t.notOk(existsSync(path.join(dir, 'requests.json.tmp')), 'no temp file left');
});

t.test('concurrent submissions are all written, references unique', async (t) => {
  const dir = tempDir();
  const store = await open(dir);
  const made = await Promise.all(Array.from({ length: 50 }, () => store.create(input)));
  t.equal(new Set(made.map((r) => r.reference)).size, 50);
  const reopened = await open(dir);
  t.equal(reopened.size, 50);
});

t.test('references are never reused across restarts', async (t) => {
  const dir = tempDir();
  const seen = new Set<string>();
  for (let round = 0; round < 3; round++) {
    const store = await open(dir);
    for (let i = 0; i < 5; i++) seen.add((await store.create(input)).reference);
  }
  t.equal(seen.size, 15);
  t.ok(seen.has('KE-DLS-' + [...seen][0]!.split('-')[2] + '-00015'));
});

t.test('a truncated store is kept aside and the previous generation restored', async (t) => {
  const dir = tempDir();
  const store = await open(dir, () => new Date('2026-11-26T10:00:00Z'));
  const first = await store.create(input);
  const second = await store.create(input);
  const file = path.join(dir, 'requests.json');
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.slice(0, text.length / 2)); // a power cut on a card without ordering guarantees

  const recovered = await open(dir, () => new Date('2026-11-26T11:00:00Z'));
  t.ok(recovered.recovery, 'recovery reported');
  t.equal(recovered.recovery?.restoredFrom, 'previous-generation');
  t.match(recovered.recovery?.error, /not valid JSON/);
  t.ok(existsSync(recovered.recovery!.keptAs), 'corrupt copy kept for the technician');
  t.equal(readFileSync(recovered.recovery!.keptAs, 'utf8'), text.slice(0, text.length / 2));
  t.ok(recovered.get(first.reference), 'the last good copy is back');
  t.notOk(recovered.get(second.reference), 'what only the corrupt generation held is gone (and reported)');
  const health = storeHealth(recovered.recovery, recovered.size);
  t.equal(health.level, 'warning');
  t.match(health.detail, /kept as/);
  // the lost write may have handed out a reference: skip past it
  const next = await recovered.create(input);
  t.equal(Number(next.reference.split('-')[3]), 1 + SEQUENCE_GAP_AFTER_RESTORE + 1, 'sequence jumps past the lost write');
  // and the next start is clean
  const again = await open(dir);
  t.equal(again.recovery, null);
});

t.test('a store with wrong content and no previous generation starts empty, reported', async (t) => {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'requests.json'), JSON.stringify({ version: 7, requests: 'x' }));
  const store = await open(dir);
  t.equal(store.recovery?.restoredFrom, 'none');
  t.match(store.recovery?.error, /unknown version 7/);
  t.equal(store.size, 0);
  t.equal(readdirSync(dir).filter((f) => f.includes('.corrupt-')).length, 1);
  t.ok((await store.create(input)).reference.endsWith(String(SEQUENCE_GAP_AFTER_RESTORE + 1).padStart(5, '0')));
});

t.test('a half-written temp file from a crash is ignored', async (t) => {
  const dir = tempDir();
  const store = await open(dir);
  await store.create(input);
  writeFileSync(path.join(dir, 'requests.json.tmp'), '{"version":1,"seq');
  const reopened = await open(dir);
  t.equal(reopened.recovery, null);
  t.equal(reopened.size, 1);
  t.notOk(existsSync(path.join(dir, 'requests.json.tmp')));
});

t.test('a failed write is refused and changes nothing', async (t) => {
  const dir = tempDir();
  const store = await open(dir);
  const kept = await store.create(input);
  mkdirSync(path.join(dir, 'requests.json.tmp')); // the temp file cannot be created: like a full or read-only card
  await t.rejects(store.create(input), StoreWriteError);
  t.equal(store.size, 1, 'not kept in memory');
  t.equal(store.pendingSync(10).length, 1);
  rmdirSync(path.join(dir, 'requests.json.tmp'));
  const after = await store.create(input);
  t.not(after.reference, kept.reference);
  t.equal(Number(after.reference.split('-')[3]), 3, 'the failed sequence number is not reused');
  t.equal((await open(dir)).size, 2);
});

t.test('pruning drops only old requests central already holds', async (t) => {
  let now = new Date('2026-01-01T00:00:00Z');
  const dir = tempDir();
  const store = await open(dir, () => now);
  const old = await store.create(input);
  const oldPending = await store.create(input);
  await store.markSynced(old.reference, 'T-1', 'open');
  now = new Date('2026-06-01T00:00:00Z');
  const fresh = await store.create(input);
  await store.markSynced(fresh.reference, 'T-2', 'open');
  t.equal(await store.prune(90), 1);
  t.notOk(store.get(old.reference));
  t.ok(store.get(oldPending.reference), 'never handed over: kept however old');
  t.ok(store.get(fresh.reference));
  t.equal((await open(dir)).size, 2);
  t.same(store.backlog(now), { depth: 1, oldestAgeSeconds: (Date.parse('2026-06-01') - Date.parse('2026-01-01')) / 1000 });
});

t.test('consumer look-up needs the matching mobile', async (t) => {
  const store = await open(tempDir());
  const r = await store.create(input);
  t.ok(store.findForConsumer(r.reference, '9876543210'));
  t.notOk(store.findForConsumer(r.reference, '9876543211'));
});
