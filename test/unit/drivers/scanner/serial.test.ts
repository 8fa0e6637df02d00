// The serial driver against a fake port: reconnect timing (×1.5, reset on
// open), one port at a time, stop cancelling retries, bad bytes harmless.
import t from 'tap';
import { EventEmitter } from 'node:events';
import { SerialScanner, type SerialPortLike } from '../../../../drivers/scanner/serial.js';
import type { ScannerPayload, ScannerStatus } from '../../../../drivers/scanner/types.js';

class FakePort extends EventEmitter implements SerialPortLike {
  isOpen = false;
  closed = 0;
  constructor(private readonly fail: Error | null) {
    super();
  }
  open(cb: (err: Error | null) => void): void {
    setImmediate(() => {
      if (!this.fail) this.isOpen = true;
      cb(this.fail);
    });
  }
  close(cb?: (err: Error | null) => void): void {
    const wasOpen = this.isOpen;
    this.isOpen = false;
    this.closed++;
    setImmediate(() => {
      cb?.(null);
      if (wasOpen) this.emit('close', null);
    });
  }
}

function harness(plan: Array<Error | null>, extra: { presenceCheckMs?: number; statDevice?: (p: string) => Promise<{ rdev: number; ino: number }> } = {}) {
  const ports: FakePort[] = [];
  const opens: number[] = [];
  const statuses: ScannerStatus[] = [];
  const scans: ScannerPayload[] = [];
  const scanner = new SerialScanner({
    path: '/dev/serial/by-id/usb-fake-if00',
    baudRate: 9600,
    suffix: '\r\n',
    maxLength: 64,
    reconnect: { initialMs: 10, maxMs: 40, factor: 1.5 },
    presenceCheckMs: 0,
    ...extra,
    openPort: async () => {
      opens.push(Date.now());
      const err = plan.length ? plan.shift()! : null;
      const p = new FakePort(err);
      ports.push(p);
      return p;
    },
  });
  scanner.onStatus((s) => statuses.push(s));
  scanner.onScan((p) => scans.push(p));
  return { scanner, ports, opens, statuses, scans };
}

const enoent = (): Error => Object.assign(new Error('Error: No such file or directory, cannot open /dev/serial/by-id/usb-fake-if00'), { code: 'ENOENT' });
const waitFor = async (cond: () => boolean, ms = 2000): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 2));
  }
};

t.test('a missing device is retried with delays growing ×1.5 up to the cap, then opens', async (t) => {
  const h = harness([enoent(), enoent(), enoent(), enoent(), null]);
  t.teardown(() => h.scanner.stop());
  await h.scanner.start();
  await waitFor(() => h.scanner.status().state === 'ready');
  const delays = h.statuses.filter((s): s is Extract<ScannerStatus, { state: 'error' }> => s.state === 'error').map((s) => s.retryInMs);
  t.same(delays, [10, 15, 23, 35]);
  t.equal(h.statuses.find((s) => s.state === 'error')?.state === 'error' && (h.statuses.find((s) => s.state === 'error') as { cause: string }).cause, 'not-found');
  t.equal(h.ports.length, 5);
});

t.test('after a disconnect the backoff starts again from the initial delay', async (t) => {
  const h = harness([enoent(), enoent(), null, null]);
  t.teardown(() => h.scanner.stop());
  await h.scanner.start();
  await waitFor(() => h.scanner.status().state === 'ready');
  h.ports.at(-1)!.close(); // unplug
  await waitFor(() => h.ports.length === 4 && h.scanner.status().state === 'ready');
  const errors = h.statuses.filter((s) => s.state === 'error') as Array<{ cause: string; retryInMs?: number }>;
  t.same(errors.map((e) => [e.cause, e.retryInMs]), [['not-found', 10], ['not-found', 15], ['disconnected', 10]]);
});

t.test('a read error closes the port and reconnects; only one port is ever open', async (t) => {
  const h = harness([]);
  t.teardown(() => h.scanner.stop());
  await h.scanner.start();
  for (let i = 0; i < 5; i++) {
    const port = h.ports.at(-1)!;
    port.emit('error', Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' }));
    await waitFor(() => h.ports.length === i + 2 && h.scanner.status().state === 'ready');
    t.equal(port.isOpen, false, `port ${i} closed`);
  }
  t.equal(h.ports.filter((p) => p.isOpen).length, 1);
});

t.test('lines are framed into payloads; a partial line does not survive a reconnect', async (t) => {
  const h = harness([]);
  t.teardown(() => h.scanner.stop());
  await h.scanner.start();
  const port = h.ports[0]!;
  port.emit('data', Buffer.from('12345'));
  port.emit('data', Buffer.from('67890\r\n99'));
  port.close();
  await waitFor(() => h.ports.length === 2 && h.scanner.status().state === 'ready');
  h.ports[1]!.emit('data', Buffer.from('12345678\r\n'));
  t.same(h.scans.map((s) => s.bytes.toString()), ['1234567890', '12345678']);
});

t.test('bad bytes and a throwing listener do not break the driver', async (t) => {
  const h = harness([]);
  t.teardown(() => h.scanner.stop());
  await h.scanner.start();
  h.scanner.onScan(() => {
    throw new Error('listener bug');
  });
  const port = h.ports[0]!;
  port.emit('data', Buffer.alloc(5000, 0xff));
  port.emit('data', Buffer.from('\r\n\x00\x01\x02\r\n1234567890\r\n'));
  t.same(h.scans.map((s) => [s.bytes.length, s.overflow ?? false]), [[64, true], [3, false], [10, false]]);
  t.equal(h.scanner.status().state, 'ready');
});

t.test('stop cancels a pending retry and closes the port', async (t) => {
  const h = harness([enoent()]);
  await h.scanner.start();
  t.equal(h.scanner.status().state, 'error');
  await h.scanner.stop();
  await new Promise((r) => setTimeout(r, 50));
  t.equal(h.ports.length, 1, 'no reopen after stop');
  t.equal(h.scanner.status().state, 'stopped');

  const h2 = harness([]);
  await h2.scanner.start();
  await h2.scanner.stop();
  t.equal(h2.ports[0]!.isOpen, false);
  await new Promise((r) => setTimeout(r, 30));
  t.equal(h2.ports.length, 1, 'closing on stop does not trigger a reconnect');
});

t.test('presence check: a vanished or replaced device node forces a reopen even when reads hang', async (t) => {
  let node: { rdev: number; ino: number } | null = { rdev: 0x8800, ino: 1 };
  const h = harness([], {
    presenceCheckMs: 10,
    statDevice: async () => {
      if (!node) throw Object.assign(new Error('ENOENT: no such file or directory'), { code: 'ENOENT' });
      return node;
    },
  });
  t.teardown(() => h.scanner.stop());
  await h.scanner.start();
  await waitFor(() => h.scanner.status().state === 'ready');
  const first = h.ports[0]!;
  node = null; // unplugged, but the port never reports it (the bindings-cpp 0-byte read loop)
  await waitFor(() => h.scanner.status().state === 'error');
  t.equal(first.isOpen, false, 'the silent port is closed');
  t.match(h.scanner.status(), { state: 'error', cause: 'disconnected' });
  node = { rdev: 0x8801, ino: 2 }; // plugged back in
  await waitFor(() => h.scanner.status().state === 'ready' && h.ports.length === 2);
  node = { rdev: 0x8802, ino: 3 }; // same path now names another device
  await waitFor(() => h.ports.length === 3 && h.scanner.status().state === 'ready');
  t.equal(h.ports[1]!.isOpen, false);
  t.equal(h.ports.filter((p) => p.isOpen).length, 1);
});
