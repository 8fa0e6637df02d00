import t from 'tap';
import { HidPosDecoder, encodeHidPosReports } from '../../../../drivers/scanner/hid-pos.js';
import { parseScan } from '../../../../drivers/scanner/parse.js';

function report(data: string, opts: { continued?: boolean; aim?: string } = {}): Uint8Array {
  const r = new Uint8Array(64);
  r[0] = 0x02;
  r[1] = data.length;
  r.set(Buffer.from(opts.aim ?? ']Q1', 'latin1'), 2);
  r.set(Buffer.from(data, 'latin1'), 5);
  r[63] = opts.continued ? 1 : 0;
  return r;
}

t.test('a single scanned data report gives its data and AIM identifier', async (t) => {
  const d = new HidPosDecoder(512);
  const out = d.push(report('1234567890', { aim: ']C0' }));
  t.equal(out?.bytes.toString(), '1234567890');
  t.equal(out?.symbology, ']C0');
  t.equal(out?.overflow, false);
});

t.test('continued reports are joined (a 60-byte UPI link in two reports)', async (t) => {
  const link = 'upi://pay?pa=kesco.bill@sbi&am=1520.50&tr=KE-DLS-261126-00042';
  const d = new HidPosDecoder(512);
  t.equal(d.push(report(link.slice(0, 56), { continued: true })), null);
  const out = d.push(report(link.slice(56)));
  t.equal(out?.bytes.toString(), link);
  t.equal(parseScan(out!.bytes, { aimPrefix: false, maxLength: 512 }).kind, 'upi');
});

t.test('the encoder splits into 56-byte chunks and round-trips a receipt QR', async (t) => {
  const long = `ecorner:receipt/KE-DLS-261126-00042${' '.repeat(0)}`;
  const reports = encodeHidPosReports(long.padEnd(120, ' '));
  t.equal(reports.length, 3);
  t.same(reports.map((r) => r[63]), [1, 1, 0]);
  const d = new HidPosDecoder(512);
  const outs = reports.map((r) => d.push(r));
  t.same(parseScan(outs[2]!.bytes, { aimPrefix: false, maxLength: 512 }).value, 'KE-DLS-261126-00042');
});

t.test('63-byte reports without a report ID are accepted; other reports are ignored', async (t) => {
  const d = new HidPosDecoder(512);
  t.equal(d.push(report('12345678').subarray(1))?.bytes.toString(), '12345678');
  const status = report('99999999');
  status[0] = 0x04;
  t.equal(d.push(status), null, 'another report ID');
  t.equal(d.push(new Uint8Array(8)), null, 'a short report');
});

t.test('a bogus length byte cannot read past the data field; total length is bounded', async (t) => {
  const d = new HidPosDecoder(512);
  const r = report('12345678');
  r[1] = 255;
  t.equal(d.push(r)?.bytes.length, 56);
  const small = new HidPosDecoder(10);
  for (let i = 0; i < 100; i++) t.equal(small.push(report('x'.repeat(56), { continued: true })), null);
  const out = small.push(report('end'));
  t.equal(out?.bytes.length, 10);
  t.equal(out?.overflow, true);
});
