// Durability below SIGKILL: SIGKILL keeps the page cache, so a crash test
// passes even without any fsync. Here the real controller runs under
// `strace -f` while consumers submit requests, and the trace must show, for
// every 201 written to a socket, the request's row written to the database's
// WAL and an fsync of that WAL completed before the 201.
import t from 'tap';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE } from '../../../controller/store/request-store.js';
import { tempDir, writeTestConfig } from '../../helpers/config.js';
import { startController } from '../../helpers/process.js';
import { parseStrace, proveAcksDurable } from '../../helpers/strace.js';
import { validComplaint } from '../../helpers/kiosk.js';

t.test('the check itself: a 201 before its fsync, or with no fsync, is caught', async (t) => {
  const db = '/data/ecorner.db';
  const body = 'writev(31<TCP:[127.0.0.1:8080->127.0.0.1:50000]>, [{iov_base="HTTP/1.1 201 Created\\r\\n", iov_len=22}, {iov_base="{\\"reference\\":\\"KE-DLS-261126-00001\\"}", iov_len=36}], 2) = 58';
  const good = [
    `10 10:00:00.000001 pwrite64(20</data/ecorner.db-wal>, "...KE-DLS-261126-00001...", 1024, 32) = 1024`,
    `10 10:00:00.000002 fsync(20</data/ecorner.db-wal> <unfinished ...>`,
    `11 10:00:00.000003 write(5<anon_inode:[eventfd]>, "\\1", 8) = 8`,
    `10 10:00:00.000004 <... fsync resumed>) = 0`,
    `10 10:00:00.000005 ${body}`,
  ];
  t.match(proveAcksDurable(parseStrace(good.join('\n')), db, 8080), [{ reference: 'KE-DLS-261126-00001', write: { name: 'pwrite64' }, sync: { name: 'fsync', start: 1, end: 3 } }]);
  const ackFirst = [good[0], `10 10:00:00.000002 ${body}`, `10 10:00:00.000003 fsync(20</data/ecorner.db-wal>) = 0`];
  t.notOk(proveAcksDurable(parseStrace(ackFirst.join('\n')), db, 8080)[0]!.sync, 'fsync after the 201 does not count');
  const syncStillRunning = [good[0], good[1], `10 10:00:00.000003 ${body}`, `10 10:00:00.000004 <... fsync resumed>) = 0`];
  t.notOk(proveAcksDurable(parseStrace(syncStillRunning.join('\n')), db, 8080)[0]!.sync, 'an fsync that had not returned does not count');
  const syncBeforeWrite = [good[1], good[3], good[0], `10 10:00:00.000005 ${body}`];
  t.notOk(proveAcksDurable(parseStrace(syncBeforeWrite.join('\n')), db, 8080)[0]!.sync, 'an fsync before the row was written does not count');
  const otherServer = [good[0], good[1], good[3], `10 10:00:00.000005 ${body.replace('127.0.0.1:8080->', '127.0.0.1:8090->')}`];
  t.same(proveAcksDurable(parseStrace(otherServer.join('\n')), db, 8080), [], 'another server\'s 201 (central\'s) is not an acknowledgement to a consumer');
  const otherFile = [good[0], `10 10:00:00.000002 fsync(21</data/central/central.sqlite-wal>) = 0`, `10 10:00:00.000003 ${body}`];
  t.notOk(proveAcksDurable(parseStrace(otherFile.join('\n')), db, 8080)[0]!.sync, 'another file\'s fsync does not count');
});

t.test('every 201 the controller wrote followed an fsync of the WAL holding its request', async (t) => {
  const dir = tempDir();
  const config = writeTestConfig(dir);
  const traceFile = path.join(dir, 'strace.txt');
  const strace = ['strace', '-f', '-tt', '-yy', '-qq', '-s', '4096', '-e', 'signal=none', '-e', 'trace=fsync,fdatasync,pwrite64,pwritev,write,writev,sendto,sendmsg', '-o', traceFile];
  const proc = await startController(['--sim'], { ECORNER_CONFIG: config }, 180_000, strace);
  // strace's child is the controller: stop it, and strace ends with it.
  const controllerPid = Number(readFileSync(`/proc/${proc.child.pid}/task/${proc.child.pid}/children`, 'utf8').trim().split(/\s+/)[0]);
  t.ok(controllerPid > 0, 'controller runs under strace');
  const stopped = new Promise((r) => proc.child.once('exit', r));
  t.teardown(async () => {
    if (proc.child.exitCode === null) process.kill(controllerPid, 'SIGKILL');
    await stopped;
  });

  const submit = async (i: number) => {
    const res = await fetch(`${proc.url}/api/requests`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...validComplaint, fields: { ...validComplaint.fields, description: `strace ${i}` } }) });
    t.equal(res.status, 201);
    return ((await res.json()) as { reference: string }).reference;
  };
  const references: string[] = [];
  for (let i = 0; i < 8; i++) references.push(await submit(i)); // one consumer after another
  references.push(...(await Promise.all(Array.from({ length: 8 }, (_, i) => submit(100 + i))))); // many at once: group commits
  process.kill(controllerPid, 'SIGTERM');
  await stopped;

  const proofs = proveAcksDurable(parseStrace(readFileSync(traceFile, 'utf8')), path.join(dir, DATABASE_FILE), Number(new URL(proc.url).port));
  t.same(proofs.map((p) => p.reference).sort(), [...references].sort(), 'every 201 the consumers received is in the trace');
  const unproven = proofs.filter((p) => !p.write || !p.sync);
  t.same(unproven.map((p) => `${p.reference}: ${p.write ? 'no fsync of the WAL between the row\'s write and the 201' : 'row never written to the WAL before the 201'}`), [], 'each: row written to the WAL, WAL fsync returned, then the 201');
});
