import t from 'tap';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { KeyboardDecoder, encodeKeyboardReports, getLayout } from '../../../../drivers/scanner/hid-keyboard.js';
import { parseScan } from '../../../../drivers/scanner/parse.js';

const fixtureDir = fileURLToPath(new URL('../../../fixtures/scanner/', import.meta.url));
interface Fixture { expected: string; reports: string[] }
const fixture = (name: string): Fixture => JSON.parse(readFileSync(`${fixtureDir}${name}.json`, 'utf8')) as Fixture;
const hex = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, 'hex'));

function decodeAll(reports: Uint8Array[], maxLength = 512): Array<{ text: string; overflow: boolean }> {
  const d = new KeyboardDecoder({ layout: 'us', maxLength });
  return reports.flatMap((r) => d.push(r));
}

for (const name of ['wedge-account-digits', 'wedge-upi-link', 'wedge-receipt-reference', 'wedge-rollover-capture']) {
  t.test(`fixture ${name} decodes to its expected text, exactly once`, async (t) => {
    const f = fixture(name);
    t.same(decodeAll(f.reports.map(hex)), [{ text: f.expected, overflow: false }]);
  });
}

t.test('hand-built reports from the usage tables: digits, shifted letters, UPI punctuation, Enter', async (t) => {
  const R = (mod: number, key: number): Uint8Array => Uint8Array.of(mod, 0, key, 0, 0, 0, 0, 0);
  const up = new Uint8Array(8);
  const seq = [
    R(0, 0x1e), up, // 1
    R(0, 0x27), up, // 0
    R(0x02, 0x04), up, // A (left shift)
    R(0x20, 0x05), up, // B (right shift)
    R(0, 0x06), up, // c
    R(0x02, 0x33), up, // :
    R(0, 0x38), up, // /
    R(0x02, 0x38), up, // ?
    R(0, 0x2e), up, // =
    R(0x02, 0x24), up, // &
    R(0x02, 0x1f), up, // @
    R(0, 0x37), up, // .
    R(0, 0x2d), up, // -
    R(0, 0x28), up, // Enter
  ];
  t.same(decodeAll(seq), [{ text: '10ABc:/?=&@.-', overflow: false }]);
});

t.test('held keys and all-zero release reports are not repeated', async (t) => {
  const d = new KeyboardDecoder({ maxLength: 64 });
  const one = Uint8Array.of(0, 0, 0x1e, 0, 0, 0, 0, 0);
  for (let i = 0; i < 5; i++) d.push(one);
  for (let i = 0; i < 5; i++) d.push(new Uint8Array(8));
  d.push(one);
  d.push(new Uint8Array(8));
  t.same(d.push(Uint8Array.of(0, 0, 0x28, 0, 0, 0, 0, 0)), [{ text: '11', overflow: false }]);
});

t.test('Tab and keypad Enter terminate; an empty code is not emitted', async (t) => {
  const d = new KeyboardDecoder({ maxLength: 64 });
  t.same(d.push(Uint8Array.of(0, 0, 0x28, 0, 0, 0, 0, 0)), [], 'Enter alone');
  d.push(new Uint8Array(8));
  d.push(Uint8Array.of(0, 0, 0x59, 0, 0, 0, 0, 0)); // keypad 1
  t.same(d.push(Uint8Array.of(0, 0, 0x2b, 0, 0, 0, 0, 0)), [{ text: '1', overflow: false }], 'Tab');
  d.push(new Uint8Array(8));
  d.push(Uint8Array.of(0, 0, 0x62, 0, 0, 0, 0, 0)); // keypad 0
  d.push(new Uint8Array(8));
  t.same(d.push(Uint8Array.of(0, 0, 0x58, 0, 0, 0, 0, 0)), [{ text: '0', overflow: false }], 'keypad Enter');
});

t.test('a 9-byte report with a report ID is accepted; Ctrl chords, unknown usages and short reports are ignored', async (t) => {
  const d = new KeyboardDecoder({ maxLength: 64 });
  d.push(Uint8Array.of(1, 0, 0, 0x1e, 0, 0, 0, 0, 0)); // report ID 1, '1'
  d.push(Uint8Array.of(0x01, 0, 0x30, 0, 0, 0, 0, 0)); // Ctrl+] (GS): dropped
  d.push(Uint8Array.of(0, 0, 0x3a, 0, 0, 0, 0, 0)); // F1
  d.push(Uint8Array.of(0, 0));
  d.push(new Uint8Array(0));
  d.push(Uint8Array.of(0, 0, 0x1f, 0, 0, 0, 0, 0)); // '2'
  t.same(d.push(Uint8Array.of(0, 0, 0x28, 0, 0, 0, 0, 0)), [{ text: '12', overflow: false }]);
});

t.test('a code longer than maxLength is cut and flagged', async (t) => {
  t.same(decodeAll(encodeKeyboardReports('1234567890'), 4), [{ text: '1234', overflow: true }]);
});

t.test('random reports never throw and the buffer stays bounded', async (t) => {
  const d = new KeyboardDecoder({ maxLength: 32 });
  let seed = 7;
  const rand = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 256);
  for (let i = 0; i < 20_000; i++) {
    const r = Uint8Array.from({ length: 8 }, rand);
    for (const out of d.push(r)) t.ok(out.text.length <= 32 || t.fail('unbounded'));
  }
  t.pass('no throw');
});

t.test('round trip: UPI QR and receipt QR typed by a wedge scanner parse correctly', async (t) => {
  const upi = 'upi://pay?pa=kesco.bill@sbi&pn=KESCO&am=1520.50&cu=INR&tr=KE-DLS-261126-00042';
  const [typedUpi] = decodeAll(encodeKeyboardReports(upi));
  const p = parseScan(typedUpi!.text, { aimPrefix: false, maxLength: 512 });
  t.equal(p.kind, 'upi');
  t.same(p.detail, { payee: 'kesco.bill@sbi', name: 'KESCO', amount: '1520.50', currency: 'INR', reference: 'KE-DLS-261126-00042', kioskReference: 'KE-DLS-261126-00042' });

  const [typedReceipt] = decodeAll(encodeKeyboardReports('KE-DLS-261126-00042', { terminator: 'tab' }));
  t.same(parseScan(typedReceipt!.text, { aimPrefix: false, maxLength: 512 }), { kind: 'receipt', value: 'KE-DLS-261126-00042', detail: { site: 'DLS', date: '2026-11-26', sequence: 42 } });
});

t.test('the encoder matches the usage-table fixtures byte for byte', async (t) => {
  for (const name of ['wedge-account-digits', 'wedge-upi-link', 'wedge-receipt-reference']) {
    const f = fixture(name);
    t.same(encodeKeyboardReports(f.expected).map((r) => Buffer.from(r).toString('hex')), f.reports, name);
  }
});

t.test('layouts are selectable by name; an unknown layout is refused', async (t) => {
  t.equal(getLayout('us').get(0x04)?.[1], 'A');
  t.throws(() => new KeyboardDecoder({ layout: 'xx', maxLength: 8 }), RangeError);
  t.throws(() => encodeKeyboardReports('₹'), RangeError);
});
