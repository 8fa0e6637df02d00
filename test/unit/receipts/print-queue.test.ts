import t, { type Test } from 'tap';
import { PrintQueue, watchPrinterHealth, type PrintJobStore, type QueueJob } from '../../../controller/receipts/print-queue.js';
import type { ReceiptState, ReceiptStore, StoredRequest } from '../../../controller/store/types.js';
import type { PrintFailure, Printer, PrinterStatus, Result } from '../../../drivers/printer/types.js';

/** In-test printer: status and confirm behaviour set by the test. */
class FakePrinter implements Printer {
  status: PrinterStatus = { state: 'ready', paperNearEnd: false };
  raw = null;
  paperWidthDots = 384;
  sent: string[] = [];
  confirm: 'yes' | 'no' = 'yes';
  settleAnswer: boolean | null = false;
  private listeners = new Set<(s: PrinterStatus, p: PrinterStatus) => void>();
  start(): void {}
  async stop(): Promise<void> {}
  async refreshStatus(): Promise<PrinterStatus> { return this.status; }
  set(status: PrinterStatus): void {
    const prev = this.status;
    this.status = status;
    for (const l of this.listeners) l(status, prev);
  }
  async print(_job: Uint8Array, jobId: string): Promise<Result<void, PrintFailure>> {
    if (this.status.state !== 'ready') return { ok: false, error: { kind: 'not-ready', status: this.status } };
    this.sent.push(jobId);
    // As on a real printer: the job is unconfirmed because the paper ran out under it.
    if (this.confirm === 'no') {
      this.set({ state: 'paper-end' });
      return { ok: false, error: { kind: 'unconfirmed', status: this.status } };
    }
    return { ok: true, value: undefined };
  }
  /** A printer that cannot print does not answer GS r either. */
  async settle(): Promise<boolean | null> { return this.status.state === 'ready' ? this.settleAnswer : null; }
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

/** The jobs as a store keeps them: copies, so the queue's in-memory objects are not the stored ones. */
class MemoryJobs implements PrintJobStore {
  rows: QueueJob[] = [];
  seq = 0;
  constructor(private readonly store: MemoryStore) {}
  list() { return structuredClone(this.rows); }
  add(job: Omit<QueueJob, 'id'>) {
    const stored = { ...job, id: `${job.reference}#${++this.seq}` };
    this.rows.push(structuredClone(stored));
    return stored;
  }
  update(job: QueueJob) { this.rows = this.rows.map((j) => (j.id === job.id ? structuredClone(job) : j)); }
  complete(job: QueueJob, receipt?: ReceiptState) {
    if (receipt) void this.store.setReceipt(job.reference, receipt);
    this.rows = this.rows.filter((j) => j.id !== job.id);
  }
}

const NOW = new Date('2026-11-26T08:35:00Z');
function request(reference: string, createdAt = NOW): StoredRequest {
  return { reference, service: 'billing-complaint', mobile: '9876543210', account: '1234567890', fields: { type: 'wrong-reading' }, createdAt: createdAt.toISOString(), dueBy: NOW.toISOString(), kioskId: 'KE-TST-01', sync: { state: 'pending', attempts: 0 }, receipt: { state: 'pending' } };
}

function setup(t: Test, store = new MemoryStore(), jobs = new MemoryJobs(store)) {
  const printer = new FakePrinter();
  const rendered: Array<{ reference: string; reprintedAt?: Date }> = [];
  const make = () => new PrintQueue({
    printer, store, jobs, now: () => NOW, retryMs: 20,
    render: (r, o) => { rendered.push({ reference: r.reference, ...o }); return Uint8Array.of(1, 2, 3); },
  });
  const queue = make();
  t.teardown(() => queue.stop());
  return { printer, store, queue, rendered, jobs, make };
}

t.test('ready printer: printed once, state printed, job gone', async (t) => {
  const { printer, store, queue, jobs } = setup(t);
  store.map.set('R1', request('R1'));
  await queue.start();
  await queue.enqueue('R1');
  await queue.kick();
  t.same(printer.sent, ['R1#1']);
  t.same(store.get('R1')!.receipt, { state: 'printed', at: NOW.toISOString() });
  t.equal(queue.jobs.length, 0);
  t.same(jobs.rows, [], 'and gone from the store');
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

t.test('jobs survive a restart (kept in the job store)', async (t) => {
  const store = new MemoryStore();
  const jobs = new MemoryJobs(store);
  const first = setup(t, store, jobs);
  first.store.map.set('R1', request('R1'));
  first.printer.status = { state: 'offline', cause: 'no-reply' };
  await first.queue.start();
  await first.queue.enqueue('R1');
  await first.queue.kick();
  await first.queue.stop();
  t.same(first.store.get('R1')!.receipt, { state: 'waiting', reason: 'offline' });

  t.match(jobs.rows, [{ id: 'R1#1', state: 'queued' }], 'the job is in the store');
  const second = setup(t, store, jobs);
  await second.queue.start();
  await second.queue.kick();
  t.same(second.printer.sent, ['R1#1']);
  t.equal(second.store.get('R1')!.receipt.state, 'printed');
  const third = setup(t, store, jobs);
  await third.queue.start();
  t.equal(third.queue.jobs.length, 0, 'nothing left on disk');
});

t.test('unconfirmed job confirmed late is not sent again', async (t) => {
  const { printer, store, queue, jobs } = setup(t);
  store.map.set('R1', request('R1'));
  printer.confirm = 'no';
  await queue.start();
  await queue.enqueue('R1');
  await queue.kick();
  t.same(store.get('R1')!.receipt, { state: 'waiting', reason: 'paper-end' }, 'not claimed printed');
  t.match(queue.jobs[0], { state: 'sent-unconfirmed', attempts: 1 });
  t.match(jobs.rows[0], { state: 'sent-unconfirmed', attempts: 1 }, 'saved as unconfirmed before anything else happens');
  await queue.kick();
  t.same(printer.sent, ['R1#1'], 'not resent while the printer cannot answer');
  printer.settleAnswer = true;
  printer.confirm = 'yes';
  printer.set({ state: 'ready', paperNearEnd: false });
  await queue.kick();
  t.same(printer.sent, ['R1#1']);
  t.equal(store.get('R1')!.receipt.state, 'printed');
});

t.test('unconfirmed job lost by the printer is sent again; gives up after maxAttempts', async (t) => {
  const { printer, store, queue } = setup(t);
  store.map.set('R1', request('R1'));
  printer.confirm = 'no';
  printer.settleAnswer = false;
  await queue.start();
  await queue.enqueue('R1');
  for (let i = 0; i < 10 && queue.jobs.length; i++) {
    printer.set({ state: 'ready', paperNearEnd: false });
    await queue.kick();
  }
  t.equal(printer.sent.length, 5);
  t.match(store.get('R1')!.receipt, { state: 'failed', reason: /unconfirmed/ });
  t.equal(queue.jobs.length, 0);
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
  const store = new MemoryStore();
  const jobs = new MemoryJobs(store);
  jobs.seq = 3;
  jobs.rows = [{ id: 'R0#3', reference: 'R0', kind: 'receipt', queuedAt: NOW.toISOString(), state: 'queued', attempts: 0 }];
  const { printer, queue } = setup(t, store, jobs);
  const done = request('R0');
  done.receipt = { state: 'printed', at: NOW.toISOString() };
  store.map.set('R0', done);
  store.map.set('R1', request('R1'));
  store.map.set('OLD', request('OLD', new Date(NOW.getTime() - 2 * 3600_000)));
  await queue.start([...store.map.values()]);
  await queue.kick();
  t.same(printer.sent, ['R1#4']);
  t.match(store.get('OLD')!.receipt, { state: 'failed', reason: 'not-printed-before-restart' });
  t.same(jobs.rows, [], 'the printed request\'s job was removed from the store');
});

t.test('a job the store wrote with its request is taken, not duplicated', async (t) => {
  const { printer, store, queue, jobs } = setup(t);
  await queue.start();
  store.map.set('R1', request('R1'));
  jobs.add({ reference: 'R1', kind: 'receipt', queuedAt: NOW.toISOString(), state: 'queued', attempts: 0 }); // as RequestStore.create does
  const job = await queue.enqueue('R1');
  t.equal(job.id, 'R1#1');
  await queue.kick();
  t.same(printer.sent, ['R1#1']);
  t.same(jobs.rows, []);
});

t.test('enqueue answers before printing starts (rendering must not delay the 201), then prints', async (t) => {
  const { printer, store, queue, rendered } = setup(t);
  store.map.set('R1', request('R1'));
  await queue.start();
  await queue.enqueue('R1');
  t.same(rendered, [], 'nothing rendered yet when enqueue resolves');
  await new Promise((r) => setImmediate(r));
  await queue.kick();
  t.same(printer.sent, ['R1#1']);
});

t.test('a job whose request is gone is dropped', async (t) => {
  const { printer, queue } = setup(t);
  await queue.start();
  await queue.enqueue('GONE');
  await queue.kick();
  t.same(printer.sent, []);
  t.equal(queue.jobs.length, 0);
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
