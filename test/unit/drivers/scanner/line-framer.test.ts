import t from 'tap';
import { LineFramer } from '../../../../drivers/scanner/line-framer.js';

const text = (frames: Array<{ bytes: Buffer }>): string[] => frames.map((f) => f.bytes.toString('latin1'));

t.test('CR LF frames, with the suffix split across chunks', async (t) => {
  const f = new LineFramer('\r\n', 64);
  t.same(text(f.push(Buffer.from('12345'))), []);
  t.same(text(f.push(Buffer.from('67890\r'))), ['1234567890']);
  t.same(text(f.push(Buffer.from('\nKE-DLS-261126-00042\r\n12345678\r\n'))), ['KE-DLS-261126-00042', '12345678']);
});

t.test('a CR LF framer also accepts CR-only and LF-only scanners and drops empty lines', async (t) => {
  const f = new LineFramer('\r\n', 64);
  t.same(text(f.push(Buffer.from('111\r222\n\r\n\r\n333\n'))), ['111', '222', '333']);
});

t.test('CR, LF and TAB suffixes split only on themselves', async (t) => {
  t.same(text(new LineFramer('\r', 64).push(Buffer.from('a\nb\rc'))), ['a\nb']);
  t.same(text(new LineFramer('\n', 64).push(Buffer.from('a\rb\nc'))), ['a\rb']);
  t.same(text(new LineFramer('\t', 64).push(Buffer.from('a\r\nb\tc\t'))), ['a\r\nb', 'c']);
});

t.test('an over-long code is reported once, truncated, and its tail dropped', async (t) => {
  const f = new LineFramer('\r\n', 8);
  const frames = f.push(Buffer.from('0123456789ABCDEF'));
  t.equal(frames.length, 1);
  t.equal(frames[0]!.overflow, true);
  t.equal(frames[0]!.bytes.toString(), '01234567');
  t.same(f.push(Buffer.from('GHIJ')), [], 'the rest of the runaway code is discarded');
  const next = f.push(Buffer.from('KLM\r\n12345678\r\n'));
  t.same(next.map((x) => [x.bytes.toString(), x.overflow]), [['12345678', false]], 'framing recovers at the next suffix');
});

t.test('a stream without any suffix never grows beyond the bound', async (t) => {
  const f = new LineFramer('\r\n', 16);
  let overflows = 0;
  for (let i = 0; i < 1000; i++) overflows += f.push(Buffer.alloc(1024, 0x41)).length;
  t.equal(overflows, 1);
  t.same(text(f.push(Buffer.from('\r\n1234567890\r\n'))), ['1234567890']);
});

t.test('reset forgets a partial code', async (t) => {
  const f = new LineFramer('\r\n', 64);
  f.push(Buffer.from('12345'));
  f.reset();
  t.same(text(f.push(Buffer.from('1234567890\r\n'))), ['1234567890']);
});
