import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import t, { type Test } from 'tap';
import type { Adapter } from 'lowdb';
import { PrintQueue, validateQueueFile, watchPrinterHealth, type QueueFile } from '../../../controller/receipts/print-queue.js';
import { DurableJsonFile } from '../../../controller/store/durable-json-file.js';
import type { ReceiptState, ReceiptStore, StoredRequest } from '../../../controller/store/types.js';
import type { ConfirmInfo, PrintFailure, PrintOutcome, Printer, PrinterStatus, Result, SettleOutcome } from '../../../drivers/printer/types.js';

/** In-test printer: status and confirm behaviour set by the test. */
class FakePrinter implements Printer {
  status: PrinterStatus = { state: 'ready', paperNearEnd: false };
  raw = null;
  paperWidthDots = 384;
  confirmation: ConfirmInfo = { configured: 'auto', method: 'gs-r', probedAt: null };
  sent: string[] = [];
  /** printed/sent: confirmed so; no: paper ran out under it; drop: the link dropped after the bytes */
  confirm: PrintOutcome | 'no' | 'drop' = 'printed';
  settleAnswer: SettleOutcome = 'uncertain';
  /** outcomes for the next prints, before `confirm` applies */
  next: Array<PrintOutcome | 'no' | 'drop'> = [];
  private listeners = new Set<(s: PrinterStatus, p: PrinterStatus) => void>();
  start(): void {}
  async stop(): Promise<void> {}
  async refreshStatus(): Promise<PrinterStatus> { return this.status; }
  set(status: PrinterStatus): void {
    const prev = this.status;
    this.status = status;
    for (const l of this.listeners) l(status, prev);
  }
  async print(_job: Uint8Array, jobId: string): Promise<Result<PrintOutcome, PrintFailure>> {
    if (this.status.state !== 'ready') return { ok: false, error: { kind: 'not-ready', status: this.status } };
    this.sent.push(jobId);
    const confirm = this.next.shift() ?? this.confirm;
    // As on a real printer: the job is unconfirmed because the paper ran out under it.
    if (confirm === 'no') {
      this.set({ state: 'paper-end' });
      return { ok: false, error: { kind: 'unconfirmed', status: this.status } };
    }
    if (confirm === 'drop') return { ok: false, error: { kind: 'write-failed', status: this.status, message: 'link lost after the job was sent' } };
    return { ok: true, value: confirm };
  }
  /** A printer that cannot print does not answer GS r either. */
  async settle(): Promise<SettleOutcome> { return this.status.state === 'ready' ? this.settleAnswer : null; }
  onStatus(l: (s: PrinterStatus, p: PrinterStatus) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}

class MemoryStore implements ReceiptStore {
  map = new Map<string, StoredRequest>();
  history: Array<[string, ReceiptState]> = [];
  get(reference: string) { return this.map.get(reference); }
  async setReceipt(reference: string, receipt: ReceiptState) {
    const r = this.map.get(reference);
    if (r) r.receipt = receipt;
    this.history.push([reference, receipt]);
  }
}

class MemoryFile implements Adapter<QueueFile> {
  data: QueueFile | null = null;
  writes = 0;
  async read() { return this.data ? structuredClone(this.data) : null; }
  async write(d: QueueFile) { this.data = structuredClone(d); this.writes++; }
}

const NOW = new Date('2026-11-26T08:35:00Z');
function request(reference: string, createdAt = NOW): StoredRequest {
  return { reference, service: 'billing-complaint', mobile: '9876543210', account: '1234567890', fields: { type: 'wrong-reading' }, createdAt: createdAt.toISOString(), dueBy: NOW.toISOString(), kioskId: 'KE-TST-01', sync: { state: 'pending', attempts: 0 }, receipt: { state: 'pending' } };
}

function setup(t: Test, file: Adapter<QueueFile> = new MemoryFile()) {
  const printer = new FakePrinter();
  const store = new MemoryStore();
  const rendered: Array<{ reference: string; reprintedAt?: Date; copyOf?: Date }> = [];
  const make = () => new PrintQueue({
    printer, store, file, now: () => NOW, retryMs: 20,
    render: (r, o) => { rendered.push({ reference: r.reference, ...o }); return Uint8Array.of(1, 2, 3); },
  });
  const queue = make();
  t.teardown(() => queue.stop());
  return { printer, store, queue, rendered, file, make };
}

t.test('ready printer: printed once, state printed, job gone', async (t) => {
  const { printer, store, queue, file } = setup(t);
  store.map.set('R1', request('R1'));
  await queue.start();
  await queue.enqueue('R1');
  await queue.kick();
  t.same(printer.sent, ['R1#1']);
  t.same(store.get('R1')!.receipt, { state: 'printed', at: NOW.toISOString() });
  t.equal(queue.jobs.length, 0);
  t.same((file as MemoryFile).data!.jobs, []);
});

t.test('paper end: waiting with the reason, then printed exactly once when paper is back', async (t) => {
  const { printer, store, queue } = setup(t);
  store.map.set('R1', request('R1'));
  printer.status = { state: 'paper-end' };
  await queue.start();
  await queue.enqueue('R1');
  await queue.kick();
  t.same(store.get('R1')!.receipt, { state: 'waiting', reason: 'paper-end' });
  t.same(printer.sent, []);
  printer.set({ state: 'cover-open' });
  await queue.kick();
  t.same(store.get('R1')!.receipt, { state: 'waiting', reason: 'cover-open' });
  printer.set({ state: 'ready', paperNearEnd: false });
  printer.set({ state: 'ready', paperNearEnd: true });
  await queue.kick();
  await new Promise((r) => setTimeout(r, 60));
  t.same(printer.sent, ['R1#1'], 'once, however many wake-ups');
  t.equal(store.get('R1')!.receipt.state, 'printed');
});

t.test('jobs survive a restart (durable file)', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pq-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const file = () => new DurableJsonFile<QueueFile>(path.join(dir, 'print-queue.json'), validateQueueFile);
  const first = setup(t, file());
  first.store.map.set('R1', request('R1'));
  first.printer.status = { state: 'offline', cause: 'no-reply' };
  await first.queue.start();
  await first.queue.enqueue('R1');
  await first.queue.stop();
  t.same(first.store.get('R1')!.receipt, { state: 'waiting', reason: 'offline' });

  const second = setup(t, file());
  second.store.map = first.store.map;
  await second.queue.start();
  await second.queue.kick();
  t.same(second.printer.sent, ['R1#1']);
  t.equal(second.store.get('R1')!.receipt.state, 'printed');
  const third = setup(t, file());
  await third.queue.start();
  t.equal(third.queue.jobs.length, 0, 'nothing left on disk');
});

t.test('unconfirmed job confirmed late is not sent again', async (t) => {
  const { printer, store, queue } = setup(t);
  store.map.set('R1', request('R1'));
  printer.confirm = 'no';
  await queue.start();
  await queue.enqueue('R1');
  await queue.kick();
  t.same(store.get('R1')!.receipt, { state: 'waiting', reason: 'paper-end' }, 'not claimed printed');
  t.match(queue.jobs[0], { state: 'sent-unconfirmed' });
  await queue.kick();
  t.same(printer.sent, ['R1#1'], 'not resent while the printer cannot answer');
  printer.settleAnswer = 'printed';
  printer.confirm = 'printed';
  printer.set({ state: 'ready', paperNearEnd: false });
  await queue.kick();
  t.same(printer.sent, ['R1#1']);
  t.equal(store.get('R1')!.receipt.state, 'printed');
});

t.test('a printer that cannot confirm: the receipt is sent, not printed', async (t) => {
  const { printer, store, queue } = setup(t);
  store.map.set('R1', request('R1'));
  printer.confirm = 'sent';
  await queue.start();
  await queue.enqueue('R1');
  await queue.kick();
  t.same(store.get('R1')!.receipt, { state: 'sent', at: NOW.toISOString() });
});

t.test('outcome unknown (link dropped after the bytes): one marked copy with the original time, counted', async (t) => {
  const { printer, store, queue, rendered } = setup(t);
  store.map.set('R1', request('R1'));
  printer.next = ['drop'];
  await queue.start();
  await queue.enqueue('R1');
  await queue.kick();
  t.same(printer.sent, ['R1#1', 'R1#1']);
  t.same(rendered.map((r) => r.copyOf?.toISOString() ?? null), [null, NOW.toISOString()], 'second send is a copy of the first');
  t.same(store.get('R1')!.receipt, { state: 'printed', at: NOW.toISOString(), copies: 1 });
  t.equal(queue.summary().copiesSinceStart, 1);
});

t.test('outcome unknown every time: gives up after maxAttempts, receipt failed', async (t) => {
  const { printer, store, queue } = setup(t);
  store.map.set('R1', request('R1'));
  printer.confirm = 'drop';
  await queue.start();
  await queue.enqueue('R1');
  await queue.kick();
  t.equal(printer.sent.length, 5);
  t.match(store.get('R1')!.receipt, { state: 'failed', reason: /link lost/ });
  t.equal(queue.jobs.length, 0);
});

t.test('restart with a job left `sending` or `sent-unconfirmed`: printed as a marked copy', async (t) => {
  const file = new MemoryFile();
  const at = '2026-11-26T08:30:00.000Z';
  file.data = { version: 1, seq: 2, jobs: [
    { id: 'R1#1', reference: 'R1', kind: 'receipt', queuedAt: at, state: 'sending', attempts: 0, sentAt: at },
    { id: 'R2#2', reference: 'R2', kind: 'receipt', queuedAt: at, state: 'queued', attempts: 0 },
  ] };
  const { printer, store, queue, rendered } = setup(t, file);
  store.map.set('R1', request('R1'));
  store.map.set('R2', request('R2'));
  await queue.start([...store.map.values()]);
  await queue.kick();
  t.same(printer.sent, ['R1#1', 'R2#2']);
  t.same(rendered.map((r) => [r.reference, r.copyOf?.toISOString() ?? null]), [['R1', at], ['R2', null]]);
  t.same(store.get('R1')!.receipt, { state: 'printed', at: NOW.toISOString(), copies: 1 });
});

t.test('queue state cannot be saved: nothing is sent, health shows the fault, printing resumes once it can', async (t) => {
  const file = new MemoryFile();
  let failing = false;
  const write = file.write.bind(file);
  file.write = async (d) => { if (failing) throw new Error('EROFS: read-only file system'); await write(d); };
  const printer = new FakePrinter();
  const store = new MemoryStore();
  const health: Array<{ level: string; state: string }> = [];
  const queue = new PrintQueue({ printer, store, file, now: () => NOW, retryMs: 5, render: () => Uint8Array.of(1), health: { set: (_p, h) => health.push(h) } });
  t.teardown(() => queue.stop());
  store.map.set('R1', request('R1'));
  await queue.start();
  failing = true;
  await queue.enqueue('R1');
  await queue.kick();
  t.same(printer.sent, [], 'not sent without `sending` on disk');
  t.match(health, [{ level: 'fault', state: 'cannot-save' }]);
  t.match(queue.summary(), { saveFault: /EROFS/ });
  failing = false;
  await queue.kick();
  t.same(printer.sent, ['R1#1']);
  t.match(health.at(-1), { level: 'ok' });
});

t.test('printed but its state cannot be saved: not sent again now, a marked copy after a restart', async (t) => {
  const file = new MemoryFile();
  const { printer, store, queue, rendered, make } = setup(t, file);
  store.map.set('R1', request('R1'));
  await queue.start();
  store.setReceipt = async () => { throw new Error('ENOSPC'); };
  await queue.enqueue('R1');
  await queue.kick();
  await queue.kick();
  t.same(printer.sent, ['R1#1'], 'printed once in this process');
  t.match(file.data!.jobs, [{ id: 'R1#1', state: 'sending' }], 'kept on disk');
  await queue.stop();
  const second = make();
  t.teardown(() => second.stop());
  const saved = new MemoryStore();
  saved.map = store.map;
  store.setReceipt = saved.setReceipt.bind(saved);
  await second.start([...store.map.values()]);
  await second.kick();
  t.same(printer.sent, ['R1#1', 'R1#1']);
  t.ok(rendered.at(-1)!.copyOf, 'the second one is marked a copy');
  t.match(store.get('R1')!.receipt, { state: 'printed', copies: 1 });
});

t.test('reprint by reference', async (t) => {
  const { printer, store, queue, rendered } = setup(t);
  store.map.set('R1', request('R1'));
  await queue.start();
  t.same(await queue.reprint('NOPE'), { ok: false, reason: 'not-found' });
  await queue.enqueue('R1');
  await queue.kick();
  const r = await queue.reprint('R1');
  t.ok(r.ok);
  await queue.kick();
  t.same(printer.sent, ['R1#1', 'R1#2']);
  t.same(rendered.map((x) => x.reprintedAt?.toISOString() ?? null), [null, NOW.toISOString()]);
  t.equal(store.get('R1')!.receipt.state, 'printed');
});

t.test('start-up: accepted but never queued receipts are queued; stale ones marked failed; printed jobs dropped', async (t) => {
  const file = new MemoryFile();
  file.data = { version: 1, seq: 3, jobs: [{ id: 'R0#3', reference: 'R0', kind: 'receipt', queuedAt: NOW.toISOString(), state: 'queued', attempts: 0 }] };
  const { printer, store, queue } = setup(t, file);
  const done = request('R0');
  done.receipt = { state: 'printed', at: NOW.toISOString() };
  store.map.set('R0', done);
  store.map.set('R1', request('R1'));
  store.map.set('OLD', request('OLD', new Date(NOW.getTime() - 2 * 3600_000)));
  await queue.start([...store.map.values()]);
  await queue.kick();
  t.same(printer.sent, ['R1#4']);
  t.match(store.get('OLD')!.receipt, { state: 'failed', reason: 'not-printed-before-restart' });
});

t.test('a job whose request is gone is dropped', async (t) => {
  const { printer, queue } = setup(t);
  await queue.start();
  await queue.enqueue('GONE');
  await queue.kick();
  t.same(printer.sent, []);
  t.equal(queue.jobs.length, 0);
});

t.test('queue file validation refuses malformed content', async (t) => {
  t.equal(validateQueueFile(null).ok, false);
  t.equal(validateQueueFile({ version: 1, seq: 0, jobs: [{ id: 1 }] }).ok, false);
  t.equal(validateQueueFile({ version: 1, seq: 0, jobs: [] }).ok, true);
});

t.test('printer health follows status', async (t) => {
  const printer = new FakePrinter();
  const seen: Array<{ level: string; state: string }> = [];
  const stop = watchPrinterHealth(printer, { set: (_p, h) => seen.push(h) });
  printer.set({ state: 'paper-end' });
  stop();
  printer.set({ state: 'cover-open' });
  t.match(seen, [{ level: 'ok', state: 'ready' }, { level: 'fault', state: 'paper-end' }]);
  t.equal(seen.length, 2);
});
