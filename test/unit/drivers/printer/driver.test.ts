// The driver against an in-test port whose "printer" answers as the test says.
import { EventEmitter } from 'node:events';
import t, { type Test } from 'tap';
import { EscPosPrinter } from '../../../../drivers/printer/driver.js';
import type { PrinterPort } from '../../../../drivers/printer/types.js';

class ScriptedPort extends EventEmitter implements PrinterPort {
  name = 'scripted';
  connected = false;
  written: number[][] = [];
  /** reply to a DLE EOT n; undefined = silence */
  answer: (n: number) => number[] | undefined = () => [0x12];
  /** reply to GS r 1 */
  gsr: () => number[] | undefined = () => [0x00];
  open(): void {
    this.connected = true;
    this.emit('connect');
  }
  async close(): Promise<void> {
    this.connected = false;
  }
  async write(bytes: Uint8Array): Promise<void> {
    if (!this.connected) throw new Error('not connected');
    this.written.push([...bytes]);
    const b = [...bytes];
    let reply: number[] | undefined;
    if (b.length === 3 && b[0] === 0x10 && b[1] === 0x04) reply = this.answer(b[2]!);
    else if (b.length === 3 && b[0] === 0x1d && b[1] === 0x72) reply = this.gsr();
    if (reply) setImmediate(() => this.emit('data', Buffer.from(reply!)));
  }
  unplug(): void {
    this.connected = false;
    this.emit('disconnect');
  }
}

// Timeouts leave room for a machine busy with other tests: a reply here comes on setImmediate.
function setup(t: Test) {
  const port = new ScriptedPort();
  const printer = new EscPosPrinter(port, { paperWidthMm: 58, statusPollMs: 60_000, statusTimeoutMs: 250, confirmTimeoutMs: 300 });
  printer.start();
  t.teardown(() => printer.stop());
  return { port, printer };
}

t.test('garbage, silence and short replies: offline, no crash', async (t) => {
  const { port, printer } = setup(t);
  t.same(await printer.refreshStatus(), { state: 'ready', paperNearEnd: false });
  port.answer = () => [0xff];
  t.same(await printer.refreshStatus(), { state: 'offline', cause: 'bad-reply' });
  port.answer = (n) => (n === 3 ? undefined : [0x12]);
  t.same(await printer.refreshStatus(), { state: 'offline', cause: 'no-reply' }, 'no reply to DLE EOT 3');
  port.answer = () => [0x48, 0x54, 0x54, 0x50];
  t.same(await printer.refreshStatus(), { state: 'offline', cause: 'bad-reply' }, 'an HTTP server on 9100');
  port.answer = () => [0x12, 0x12, 0x12];
  t.same(await printer.refreshStatus(), { state: 'ready', paperNearEnd: false }, 'extra bytes of a late reply are dropped');
  port.answer = (n) => [[0x1a, 0x32, 0x12, 0x72][n - 1]!];
  t.same(await printer.refreshStatus(), { state: 'paper-end' });
});

t.test('status is asked before every job; a job is confirmed by GS r', async (t) => {
  const { port, printer } = setup(t);
  await printer.refreshStatus();
  t.match(printer.confirmation, { configured: 'auto', method: 'gs-r' }, 'probed at connect');
  port.written = [];
  t.same(await printer.print(Uint8Array.of(0x1b, 0x40, 0x41), 'j'), { ok: true, value: 'printed' });
  t.same(port.written.slice(0, 4), [[0x10, 0x04, 1], [0x10, 0x04, 2], [0x10, 0x04, 3], [0x10, 0x04, 4]], 'DLE EOT 1-4 first');
  t.same(port.written.slice(4), [[0x1b, 0x40, 0x41], [0x1d, 0x72, 0x01]], 'then the job and GS r 1');
});

t.test('GS r reply overdue: one reply in flight, the printer is not-confirming until it comes, a stray reply is dropped', async (t) => {
  const { port, printer } = setup(t);
  await printer.refreshStatus();
  port.gsr = () => undefined;
  t.match(await printer.print(Uint8Array.of(0x41), 'slow'), { ok: false, error: { kind: 'unconfirmed', status: { state: 'error', cause: 'not-confirming' } } });
  port.written = [];
  t.match(await printer.print(Uint8Array.of(0x42), 'next'), { ok: false, error: { kind: 'not-ready', status: { state: 'error', cause: 'not-confirming' } } });
  t.notOk(port.written.some((w) => w[0] === 0x42), 'no second job while a reply is outstanding');
  // The printer catches up: the one reply belongs to the one job in flight.
  port.emit('data', Buffer.of(0x00));
  t.equal(await printer.settle('slow'), 'printed');
  t.equal(await printer.settle('slow'), 'uncertain', 'consumed once; unknown afterwards');
  port.emit('data', Buffer.of(0x00));
  port.gsr = () => [0x00];
  t.same(await printer.print(Uint8Array.of(0x42), 'next'), { ok: true, value: 'printed' }, 'a stray reply with nothing in flight is not taken for this job');
  t.same(await printer.refreshStatus(), { state: 'ready', paperNearEnd: false });
});

t.test('unplugged mid-job: uncertain at once, status disconnected', async (t) => {
  const { port, printer } = setup(t);
  await printer.refreshStatus();
  port.gsr = () => {
    setImmediate(() => port.unplug());
    return undefined;
  };
  const result = await printer.print(Uint8Array.of(0x41), 'cut-off');
  t.match(result, { ok: false, error: { kind: 'write-failed', status: { state: 'offline', cause: 'disconnected' } } });
  t.equal(await printer.settle('cut-off'), 'uncertain');
  t.match(await printer.print(Uint8Array.of(0x41), 'next'), { ok: false, error: { kind: 'not-ready' } });
});

t.test('no GS r: the probe picks `status`; a job is `sent` once a status reply follows it', async (t) => {
  const { port, printer } = setup(t);
  port.gsr = () => undefined;
  await printer.refreshStatus();
  t.match(printer.confirmation, { method: 'status' });
  port.written = [];
  t.same(await printer.print(Uint8Array.of(0x41), 'j'), { ok: true, value: 'sent' });
  t.notOk(port.written.some((w) => w[0] === 0x1d && w[1] === 0x72), 'no GS r sent');
  t.same(port.written.slice(5, 9), [[0x10, 0x04, 1], [0x10, 0x04, 2], [0x10, 0x04, 3], [0x10, 0x04, 4]], 'status asked after the job');
  // Paper ends under the job: delivered, not done; sent once the printer is ready again.
  port.answer = (n) => [[0x1a, 0x32, 0x12, 0x72][n - 1]!];
  const held = await printer.print(Uint8Array.of(0x41), 'held');
  t.match(held, { ok: false, error: { kind: 'not-ready' } }, 'paper end seen before the job: not sent');
  let calls = 0;
  port.answer = (n) => (++calls > 4 ? [[0x1a, 0x32, 0x12, 0x72][n - 1]!] : [0x12]);
  t.match(await printer.print(Uint8Array.of(0x41), 'held'), { ok: false, error: { kind: 'unconfirmed', status: { state: 'paper-end' } } });
  t.equal(await printer.settle('held'), null, 'still out of paper');
  port.answer = () => [0x12];
  t.equal(await printer.settle('held'), 'sent');
});

t.test('nothing answers: write-only (`none`), status write-only, a dropped link makes the job uncertain', async (t) => {
  const { port, printer } = setup(t);
  port.answer = () => undefined;
  port.gsr = () => undefined;
  t.same(await printer.refreshStatus(), { state: 'write-only' });
  t.match(printer.confirmation, { method: 'none' });
  t.same(await printer.print(Uint8Array.of(0x41), 'j'), { ok: true, value: 'sent' });
  const dropped = printer.print(Uint8Array.of(0x41), 'k');
  setImmediate(() => port.unplug());
  t.match(await dropped, { ok: false, error: { kind: 'write-failed' } });
  t.equal(await printer.settle('k'), 'uncertain');
});

t.test('configured gs-r on a printer that never answers it: a fault, not a stuck queue', async (t) => {
  const port = new ScriptedPort();
  const printer = new EscPosPrinter(port, { paperWidthMm: 58, statusPollMs: 60_000, statusTimeoutMs: 250, confirmTimeoutMs: 300, confirm: 'gs-r' });
  printer.start();
  t.teardown(() => printer.stop());
  port.gsr = () => undefined;
  t.match(printer.confirmation, { configured: 'gs-r', method: 'gs-r' });
  t.match(await printer.print(Uint8Array.of(0x41), 'j'), { ok: false, error: { kind: 'unconfirmed' } });
  t.same(printer.status, { state: 'error', cause: 'not-confirming' });
});

t.test('status listeners fire on change only, and a throwing listener is contained', async (t) => {
  const { port, printer } = setup(t);
  await printer.refreshStatus();
  const seen: string[] = [];
  printer.onStatus(() => {
    throw new Error('boom');
  });
  printer.onStatus((s) => seen.push(s.state));
  await printer.refreshStatus();
  port.answer = (n) => [[0x1a, 0x16, 0x12, 0x12][n - 1]!];
  await printer.refreshStatus();
  await printer.refreshStatus();
  t.same(seen, ['cover-open']);
});
