// Serial (through serialport's own mock binding) and USB (through an in-test
// device handle): connect, bytes both ways, unplug, reconnect with backoff.
import t from 'tap';
import { SerialPortMock } from 'serialport';
import { SerialPrinterPort, type SerialLike } from '../../../../drivers/printer/serial.js';
import { UsbPrinterPort, type DeviceHandle } from '../../../../drivers/printer/usb.js';
import { Backoff } from '../../../../drivers/printer/port-base.js';
import type { PrinterPort } from '../../../../drivers/printer/types.js';
import { until } from '../../../helpers/until.js';


function record(port: PrinterPort) {
  const log: string[] = [];
  const data: number[] = [];
  port.on('connect', () => log.push('connect'));
  port.on('disconnect', () => log.push('disconnect'));
  port.on('data', (b) => data.push(...b));
  return { log, data };
}

t.test('backoff grows ×1.5 to the cap and resets', async (t) => {
  const b = new Backoff({ initialMs: 100, maxMs: 400, factor: 1.5 });
  t.same([b.next(), b.next(), b.next(), b.next(), b.next()], [100, 150, 225, 338, 400]);
  b.reset();
  t.equal(b.next(), 100);
});

t.test('serial: waits for the device, talks both ways, reconnects after close', async (t) => {
  SerialPortMock.binding.reset();
  t.teardown(() => SerialPortMock.binding.reset());
  let last: SerialPortMock | null = null;
  const opened: Array<Record<string, unknown>> = [];
  const port = new SerialPrinterPort({
    path: '/dev/ttyPRN', baudRate: 19200, rtscts: true, xon: false, backoff: { initialMs: 10, maxMs: 40 },
    open: (o) => {
      opened.push({ ...o });
      last = new SerialPortMock(o);
      return last as unknown as SerialLike;
    },
  });
  const seen = record(port);
  port.open();
  t.teardown(() => port.close());
  await new Promise((r) => setTimeout(r, 50));
  t.notOk(port.connected, 'no such device yet');
  SerialPortMock.binding.createPort('/dev/ttyPRN', { record: true });
  await until(() => port.connected);
  t.match(opened.at(-1), { path: '/dev/ttyPRN', baudRate: 19200, rtscts: true, xon: false, xoff: false });
  await port.write(Uint8Array.of(0x10, 0x04, 0x01));
  const binding = (last as unknown as { port: { recording: Buffer; emitData(d: Buffer): void } }).port;
  t.same([...binding.recording], [0x10, 0x04, 0x01]);
  binding.emitData(Buffer.from([0x12]));
  await until(() => seen.data.length === 1);
  t.same(seen.data, [0x12]);
  // The cable is pulled: the stream closes; the port reopens by itself.
  (last as unknown as SerialPortMock).close();
  await until(() => seen.log.includes('disconnect'));
  await until(() => port.connected && seen.log.filter((l) => l === 'connect').length === 2);
  t.same(seen.log, ['connect', 'disconnect', 'connect']);
  await port.close();
  await t.rejects(port.write(Uint8Array.of(1)), /not connected/);
});

class FakeDevice {
  present = true;
  toRead: number[] = [];
  written: number[] = [];
  busyWrites = 0;
  handles = 0;
  open = async (): Promise<DeviceHandle> => {
    if (!this.present) throw Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });
    this.handles++;
    return {
      read: async (buffer, offset) => {
        if (!this.present) throw Object.assign(new Error('ENODEV'), { code: 'ENODEV' });
        if (this.toRead.length === 0) throw Object.assign(new Error('EAGAIN'), { code: 'EAGAIN' });
        const bytes = this.toRead.splice(0);
        Buffer.from(bytes).copy(buffer, offset);
        return { bytesRead: bytes.length };
      },
      write: async (buffer) => {
        if (!this.present) throw Object.assign(new Error('ENODEV'), { code: 'ENODEV' });
        if (this.busyWrites > 0) {
          this.busyWrites--;
          throw Object.assign(new Error('EAGAIN'), { code: 'EAGAIN' });
        }
        // usblp takes at most a few KB per write: partial writes must be continued.
        const n = Math.min(buffer.length, 4);
        this.written.push(...buffer.subarray(0, n));
        return { bytesWritten: n };
      },
      close: async () => undefined,
    };
  };
}

t.test('usb: non-blocking reads, partial and busy writes, unplug and replug', async (t) => {
  const dev = new FakeDevice();
  const port = new UsbPrinterPort({ path: '/dev/usb/lp0', readIntervalMs: 2, backoff: { initialMs: 10, maxMs: 20 }, open: dev.open });
  const seen = record(port);
  port.open();
  t.teardown(() => port.close());
  await until(() => port.connected);
  dev.busyWrites = 3;
  await port.write(Uint8Array.from({ length: 10 }, (_, i) => i));
  t.same(dev.written, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 'all bytes, in order, despite EAGAIN and short writes');
  dev.toRead.push(0x12, 0x16);
  await until(() => seen.data.length === 2);
  t.same(seen.data, [0x12, 0x16]);
  dev.present = false;
  await until(() => !port.connected);
  await t.rejects(port.write(Uint8Array.of(1)));
  await new Promise((r) => setTimeout(r, 40));
  t.notOk(port.connected, 'stays down while the device is gone');
  dev.present = true;
  await until(() => port.connected);
  t.same(seen.log, ['connect', 'disconnect', 'connect']);
  t.equal(dev.handles, 2);
});
