import t from 'tap';
import { EscPosParser, type EscPosEvent } from '../../../../drivers/printer/virtual-parser.js';
import { JobBuilder } from '../../../../drivers/printer/virtual-render.js';

const bytes = (...parts: Array<number[] | string>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

t.test('commands, text and styles', async (t) => {
  const events = new EscPosParser().push(bytes(
    [0x1b, 0x40], [0x1b, 0x74, 0x00], [0x1b, 0x61, 0x01], [0x1b, 0x45, 0x01], 'Hi', [0x1b, 0x45, 0x00],
    [0x1d, 0x21, 0x11], 'BIG', [0x1d, 0x21, 0x00], [0x0a, 0x0d], [0x1b, 0x4d, 0x01], [0x1b, 0x2d, 0x01], [0x1d, 0x42, 0x01], [0x1b, 0x64, 0x03],
  ));
  t.same(events, [
    { kind: 'init' }, { kind: 'codepage', n: 0 }, { kind: 'align', align: 'center' }, { kind: 'bold', on: true }, { kind: 'text', text: 'Hi' },
    { kind: 'bold', on: false }, { kind: 'size', width: 2, height: 2 }, { kind: 'text', text: 'BIG' }, { kind: 'size', width: 1, height: 1 },
    { kind: 'newline' }, { kind: 'font', font: 'B' }, { kind: 'underline', on: true }, { kind: 'invert', on: true }, { kind: 'feed', lines: 3 },
  ] satisfies EscPosEvent[]);
});

t.test('code page 437 high bytes', async (t) => {
  const events = new EscPosParser().push(bytes([0x1b, 0x74, 0x00, 0xc4, 0x82]));
  t.same(events[1], { kind: 'text', text: '─é' });
});

t.test('real-time and in-order status requests', async (t) => {
  const events = new EscPosParser().push(bytes([0x10, 0x04, 0x01, 0x10, 0x04, 0x04, 0x1d, 0x72, 0x01]));
  t.same(events, [{ kind: 'realtime-status', n: 1, at: 0 }, { kind: 'realtime-status', n: 4, at: 3 }, { kind: 'transmit-status', n: 1 }]);
});

t.test('GS v 0 raster, split across chunks at every byte', async (t) => {
  const raster = [0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x02, 0x00, 0xff, 0x00, 0x0f, 0xf0];
  const parser = new EscPosParser();
  const events: EscPosEvent[] = [];
  for (const b of raster) events.push(...parser.push(Uint8Array.of(b)));
  t.equal(events.length, 1);
  t.match(events[0], { kind: 'raster', width: 16, height: 2 });
  t.same([...(events[0] as { bits: Uint8Array }).bits], [0xff, 0x00, 0x0f, 0xf0]);
  t.equal(parser.pendingBytes, 0);
});

t.test('a DLE EOT inside raster data is data, not a request', async (t) => {
  const events = new EscPosParser().push(bytes([0x1d, 0x76, 0x30, 0x00, 0x01, 0x00, 0x03, 0x00, 0x10, 0x04, 0x01]));
  t.equal(events.length, 1);
  t.equal(events[0]!.kind, 'raster');
});

t.test('GS ( k QR: model, size, error level, store, print', async (t) => {
  const data = 'KE-DLS-261126-00042';
  const store = [0x1d, 0x28, 0x6b, (data.length + 3) & 0xff, 0x00, 0x31, 0x50, 0x30, ...Buffer.from(data)];
  const events = new EscPosParser().push(bytes(
    [0x1d, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00], [0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, 0x06],
    [0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, 0x31], store, [0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30],
  ));
  t.same(events, [
    { kind: 'qr-model', model: 2 }, { kind: 'qr-size', size: 6 }, { kind: 'qr-error', level: 'M' }, { kind: 'qr-store', data }, { kind: 'qr-print' },
  ]);
});

t.test('cuts and barcodes', async (t) => {
  const events = new EscPosParser().push(bytes([0x1d, 0x56, 0x01], [0x1d, 0x56, 0x42, 0x05], [0x1d, 0x56, 0x00], [0x1d, 0x6b, 0x49, 0x05, 0x7b, 0x42, 0x41, 0x42, 0x43]));
  t.same(events, [{ kind: 'cut', partial: true }, { kind: 'cut', partial: true }, { kind: 'cut', partial: false }, { kind: 'barcode', symbology: 73, data: 'ABC' }]);
});

t.test('garbage never throws and never stalls the parser', async (t) => {
  const parser = new EscPosParser(1024);
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
  for (let i = 0; i < 200; i++) parser.push(Uint8Array.from({ length: 64 }, random));
  // A huge declared image is refused instead of buffering forever.
  const events = parser.push(bytes([0x1d, 0x76, 0x30, 0x00, 0xff, 0xff, 0xff, 0xff]));
  t.ok(parser.pendingBytes < 2048, 'bounded buffering');
  t.ok(Array.isArray(events));
  const fresh = new EscPosParser(1024);
  t.same(fresh.push(bytes([0x1d, 0x76, 0x30, 0x00, 0xff, 0xff, 0xff, 0xff], 'ok')).slice(-1), [{ kind: 'text', text: 'ok' }]);
});

t.test('job builder: lines keep their style segments; a cut ends the job', async (t) => {
  const b = new JobBuilder();
  const parser = new EscPosParser();
  for (const e of parser.push(bytes([0x1b, 0x40, 0x1b, 0x61, 0x01], 'A', [0x1b, 0x45, 0x01], 'B', [0x0a], [0x0a], [0x1d, 0x56, 0x01]))) b.apply(e);
  const items = b.take();
  t.match(items, [
    { type: 'text', text: 'AB', align: 'center', segments: [{ text: 'A', bold: false }, { text: 'B', bold: true }] },
    { type: 'feed', lines: 1 },
    { type: 'cut', partial: true },
  ]);
  t.same(b.take(), []);
});
