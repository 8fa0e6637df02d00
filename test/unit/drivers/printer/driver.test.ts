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

function setup(t: Test) {
  const port = new ScriptedPort();
  const printer = new EscPosPrinter(port, { paperWidthMm: 58, statusPollMs: 60_000, statusTimeoutMs: 50, confirmTimeoutMs: 100 });
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
  port.written = [];
  t.same(await printer.print(Uint8Array.of(0x1b, 0x40, 0x41), 'j'), { ok: true, value: undefined });
  t.same(port.written.slice(0, 4), [[0x10, 0x04, 1], [0x10, 0x04, 2], [0x10, 0x04, 3], [0x10, 0x04, 4]], 'DLE EOT 1-4 first');
  t.same(port.written.slice(4), [[0x1b, 0x40, 0x41], [0x1d, 0x72, 0x01]], 'then the job and GS r 1');
});

t.test('no confirmation: unconfirmed; a late one is kept for settle()', async (t) => {
  const { port, printer } = setup(t);
  port.gsr = () => undefined;
  t.match(await printer.print(Uint8Array.of(0x41), 'slow'), { ok: false, error: { kind: 'unconfirmed' } });
  // The printer catches up: the held reply and the settle probe's reply arrive in order.
  port.gsr = () => [0x00, 0x00];
  t.equal(await printer.settle('slow'), true);
  port.gsr = () => [0x00];
  t.equal(await printer.settle('slow'), false, 'consumed once');
});

t.test('unplugged mid-job: unconfirmed at once, status disconnected, settle unknown', async (t) => {
  const { port, printer } = setup(t);
  port.gsr = () => {
    setImmediate(() => port.unplug());
    return undefined;
  };
  const result = await printer.print(Uint8Array.of(0x41), 'cut-off');
  t.match(result, { ok: false, error: { kind: 'unconfirmed', status: { state: 'offline', cause: 'disconnected' } } });
  t.equal(await printer.settle('cut-off'), null);
  t.match(await printer.print(Uint8Array.of(0x41), 'next'), { ok: false, error: { kind: 'not-ready' } });
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
