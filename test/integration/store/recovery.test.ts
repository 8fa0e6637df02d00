// A damaged database never stops the kiosk: it is moved aside (with its WAL),
// health says `recovered` with the reason, and no reference can repeat.
import t from 'tap';
import { existsSync, openSync, readFileSync, readdirSync, writeSync, closeSync, statSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { DATABASE_FILE, RequestStore, SEQUENCE_GAP_AFTER_RESTORE } from '../../../controller/store/request-store.js';
import { storeHealth } from '../../../controller/store/store-health.js';
import { tempDir } from '../../helpers/config.js';

const input = { service: 'meter-complaint' as const, mobile: '9876543210', account: '1234567890', fields: { type: 'burnt' }, dueBy: new Date('2030-01-01T00:00:00Z') };
const open = (dataDir: string) => RequestStore.open({ dataDir, kioskId: 'KE-DLS-01', siteCode: 'DLS', now: () => new Date('2026-11-26T10:00:00Z') });
const seqOf = (reference: string) => Number(reference.split('-')[3]);

async function storeWith(n: number): Promise<{ dir: string; file: string; last: string }> {
  const dir = tempDir();
  const store = await open(dir);
  let last = '';
  for (let i = 0; i < n; i++) last = (await store.create({ ...input, fields: { type: 'burnt', description: `entry ${i} `.repeat(20) } })).reference;
  store.close(); // checkpoints the WAL into the main file
  return { dir, file: path.join(dir, DATABASE_FILE), last };
}

function scribble(file: string, offset: number, length: number): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(length, 0xa5), 0, length, offset);
  closeSync(fd);
}

t.test('a database failing integrity_check is moved aside; references continue above the old ones', async (t) => {
  const { dir, file, last } = await storeWith(120);
  // A bit flip inside rows: sync_state 'pending' becomes 'qending', against
  // the table's CHECK. SQLite reads the file happily; only the integrity
  // check finds it. (Every copy: pages split earlier may hold stale ones.)
  const bytes = readFileSync(file);
  const row = Buffer.from('{"state":"pending"}pending');
  let copies = 0;
  for (let at = bytes.indexOf(row); at >= 0; at = bytes.indexOf(row, at + 1), copies++) scribble(file, at + row.length - 7, 1);
  t.ok(copies > 0, 'found the rows');
  const store = await open(dir);
  t.teardown(() => store.close());
  const recovery = store.recovery?.database;
  t.ok(recovery, 'recovery reported');
  t.match(recovery!.error, /^integrity check failed: .*CHECK constraint failed/);
  t.ok(existsSync(recovery!.keptAs), 'the bad file is kept for the technician');
  t.equal(store.size, 0, 'started on a new database');
  t.ok(recovery!.highestSequenceFound >= seqOf(last) - 5, `reference numbers read from the damaged bytes (${recovery!.highestSequenceFound})`);
  const next = await store.create(input);
  t.ok(seqOf(next.reference) > seqOf(last), `no reference can repeat: ${next.reference} after ${last}`);
  t.equal(seqOf(next.reference), recovery!.highestSequenceFound + SEQUENCE_GAP_AFTER_RESTORE + 1);
  const health = storeHealth(store.recovery, store.size);
  t.match(health, { level: 'warning', state: 'recovered' });
  t.match(health.detail, /kept as .*corrupt-/);
  store.close();
  const again = await open(dir);
  t.equal(again.recovery, null, 'the next start is clean');
  t.ok(seqOf((await again.create(input)).reference) > seqOf(next.reference));
  again.close();
});

t.test('a page the b-tree code cannot read (malformed) is moved aside too', async (t) => {
  const { dir, file, last } = await storeWith(120);
  t.ok(statSync(file).size / 4096 > 8, 'a real file');
  scribble(file, 4096 * 3, 16);
  const store = await open(dir);
  t.teardown(() => store.close());
  t.match(store.recovery?.database?.error, /malformed|integrity check failed/);
  t.ok(seqOf((await store.create(input)).reference) > seqOf(last));
});

t.test('a file that is not a database at all (garbage header) is moved aside too', async (t) => {
  const { dir, file, last } = await storeWith(10);
  scribble(file, 0, 100);
  const store = await open(dir);
  t.teardown(() => store.close());
  t.match(store.recovery?.database?.error, /not a database|integrity|malformed/);
  t.ok(seqOf((await store.create(input)).reference) > seqOf(last) + SEQUENCE_GAP_AFTER_RESTORE - 1);
  t.equal(readdirSync(dir).filter((f) => f.includes('.corrupt-')).length, 1);
});

t.test('an unknown schema version (newer software wrote it) is moved aside, not guessed at', async (t) => {
  const { dir, file, last } = await storeWith(3);
  const db = new DatabaseSync(file);
  db.exec('PRAGMA user_version = 99');
  db.close();
  const store = await open(dir);
  t.teardown(() => store.close());
  t.match(store.recovery?.database?.error, /unknown schema version 99/);
  t.equal(store.recovery?.database?.highestSequenceFound, seqOf(last));
  t.equal(seqOf((await store.create(input)).reference), seqOf(last) + SEQUENCE_GAP_AFTER_RESTORE + 1);
  t.ok(existsSync(store.recovery!.database!.keptAs));
  t.equal(new DatabaseSync(store.recovery!.database!.keptAs, { readOnly: true }).prepare('PRAGMA user_version').get()!.user_version, 99, 'kept unchanged');
});

t.test('the sequence is never below the highest stored reference', async (t) => {
  const { dir, file, last } = await storeWith(5);
  const db = new DatabaseSync(file);
  db.exec("UPDATE counters SET value = 2 WHERE name = 'reference-sequence'");
  db.close();
  const store = await open(dir);
  t.teardown(() => store.close());
  t.equal(store.sequence, seqOf(last));
  t.equal(seqOf((await store.create(input)).reference), seqOf(last) + 1);
});

t.test('the database and its WAL are private to the kiosk user (mobile numbers inside)', async (t) => {
  const dir = tempDir();
  const store = await open(dir);
  t.teardown(() => store.close());
  await store.create(input);
  for (const f of [DATABASE_FILE, `${DATABASE_FILE}-wal`]) t.equal(statSync(path.join(dir, f)).mode & 0o777, 0o600, f);
  t.ok(readFileSync(path.join(dir, `${DATABASE_FILE}-wal`)).length > 0, 'the commit went to the WAL');
});
