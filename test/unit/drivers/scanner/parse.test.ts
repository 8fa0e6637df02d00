import t from 'tap';
import {
  DuplicateFilter, MESSAGES, classify, cleanPayload, parseReceiptReference, parseScan, receiptQrPayload,
} from '../../../../drivers/scanner/parse.js';

const opts = { aimPrefix: false, maxLength: 512 };
const aim = { aimPrefix: true, maxLength: 512 };

t.test('a 10-digit account number is an account', async (t) => {
  t.same(parseScan('1234567890', opts), { kind: 'account', value: '1234567890' });
  t.same(parseScan(Buffer.from('1234567890'), opts), { kind: 'account', value: '1234567890' });
});

t.test('an 8-digit number is a legacy account with a bilingual hint', async (t) => {
  const p = parseScan('12345678', opts);
  t.equal(p.kind, 'legacy-account');
  t.equal(p.value, '12345678');
  t.same(p.detail?.message, MESSAGES.legacy);
  t.match((p.detail?.message as { hi: string }).hi, /10 अंकों/);
});

t.test('bill numbers are 12-16 digits; 9, 11 and 17 digits are unknown', async (t) => {
  t.same(parseScan('212345678901', opts), { kind: 'bill', value: '212345678901' });
  t.same(parseScan('2123456789012345', opts), { kind: 'bill', value: '2123456789012345' });
  for (const n of ['123456789', '12345678901', '12345678901234567']) t.equal(parseScan(n, opts).kind, 'unknown', n);
});

t.test('a UPI deep link yields payee, name, amount, reference', async (t) => {
  const link = 'upi://pay?pa=kesco.bill@sbi&pn=KESCO%20Kanpur&am=1520.50&cu=INR&tr=KE-DLS-261126-00042';
  const p = parseScan(link, opts);
  t.equal(p.kind, 'upi');
  t.equal(p.value, link);
  t.same(p.detail, { payee: 'kesco.bill@sbi', name: 'KESCO Kanpur', amount: '1520.50', currency: 'INR', reference: 'KE-DLS-261126-00042', kioskReference: 'KE-DLS-261126-00042' });
  t.same(parseScan('UPI://pay?pa=someone@okaxis', opts).detail, { payee: 'someone@okaxis' });
});

t.test('a UPI link without a valid payee, amount or currency is unknown', async (t) => {
  for (const [link, problem] of [
    ['upi://pay?pn=KESCO&am=10', 'pa'],
    ['upi://pay?pa=not-a-vpa&am=10', 'pa'],
    ['upi://pay?pa=kesco@sbi&am=ten', 'am'],
    ['upi://pay?pa=kesco@sbi&am=10.505', 'am'],
    ['upi://pay?pa=kesco@sbi&cu=USD', 'cu'],
  ] as const) {
    const p = parseScan(link, opts);
    t.equal(p.kind, 'unknown', link);
    t.equal(p.detail?.reason, 'invalid-upi', link);
    t.equal(p.detail?.problem, problem, link);
    t.same(p.detail?.message, MESSAGES['invalid-upi']);
  }
});

t.test('receipt QR: bare reference, ecorner: forms, URLs and lower case', async (t) => {
  const expected = { kind: 'receipt', value: 'KE-DLS-261126-00042', detail: { site: 'DLS', date: '2026-11-26', sequence: 42 } };
  for (const form of [
    'KE-DLS-261126-00042',
    'ke-dls-261126-00042',
    'ecorner:receipt/KE-DLS-261126-00042',
    'ecorner://receipt/KE-DLS-261126-00042',
    'https://kiosk.example/status/KE-DLS-261126-00042',
    'http://127.0.0.1:8080/status?ref=KE-DLS-261126-00042',
  ]) t.same(parseScan(form, opts), expected, form);
  t.equal(parseScan('KE-PB-260101-1234567', opts).value, 'KE-PB-260101-1234567');
});

t.test('a receipt reference with an impossible date or short sequence is refused', async (t) => {
  for (const bad of ['KE-DLS-261326-00042', 'KE-DLS-260230-00042', 'KE-DLS-261126-0042', 'KE-D-261126-00042', 'KE-DLSXY-261126-00042', 'ecorner:receipt/KE-DLS-261126']) {
    const p = parseScan(bad, opts);
    t.equal(p.kind, 'unknown', bad);
    t.equal(p.detail?.reason, 'invalid-receipt', bad);
  }
  t.equal(parseScan('KE-DLS-240229-00001', opts).kind, 'receipt', 'leap day 2024');
  t.equal(parseScan('KE-DLS-250229-00001', opts).kind, 'unknown', 'no leap day 2025');
});

t.test('receiptQrPayload gives the canonical (upper-case, bare) QR content and refuses junk', async (t) => {
  t.equal(receiptQrPayload('ke-dls-261126-00042'), 'KE-DLS-261126-00042');
  t.throws(() => receiptQrPayload('KE-DLS-26112-00042'), RangeError);
  t.equal(parseScan(receiptQrPayload('KE-KP-261126-00007'), opts).kind, 'receipt');
  t.same(parseReceiptReference('KE-DN-270704-99999'), { reference: 'KE-DN-270704-99999', site: 'DN', date: '2027-07-04', sequence: 99999 });
});

t.test('anything else is unknown with the bilingual "not recognised" message', async (t) => {
  for (const junk of ['hello', '123-456-7890', '12345 67890', 'https://example.com/', 'upi://mandate?pa=x@y', '१२३४५६७८९०']) {
    const p = parseScan(junk, opts);
    t.equal(p.kind, 'unknown', junk);
    t.equal(p.detail?.reason, 'unrecognised', junk);
    t.same(p.detail?.message, MESSAGES.unrecognised);
    t.ok((p.detail?.message as { en: string; hi: string }).hi.length > 0);
  }
});

t.test('control characters are stripped anywhere and whitespace trimmed', async (t) => {
  t.equal(cleanPayload('\x02 1234567890\x03\r\n', opts).text, '1234567890');
  t.equal(cleanPayload(Buffer.from([0x00, 0x31, 0x32, 0x1b, 0x33, 0x7f, 0x34]), opts).text, '1234');
  t.equal(cleanPayload('12\u008534567890', opts).text, '1234567890', 'C1 control');
  t.same(parseScan('\x0012345\x0767890\x1d', opts), { kind: 'account', value: '1234567890' });
});

t.test('AIM symbology prefixes are stripped only when configured', async (t) => {
  t.same(parseScan(']C01234567890', aim), { kind: 'account', value: '1234567890', detail: { symbology: 'code-128', aim: ']C0' } });
  t.equal(parseScan(']Q1KE-DLS-261126-00042', aim).kind, 'receipt');
  t.equal(parseScan(']Q1KE-DLS-261126-00042', aim).detail?.symbology, 'qr');
  t.equal(parseScan(']E0212345678901', aim).kind, 'bill');
  t.equal(parseScan('\x02]C01234567890\x03', aim).value, '1234567890', 'prefix after STX still found');
  t.equal(parseScan(']C01234567890', opts).kind, 'unknown', 'not configured: the prefix is data');
  t.equal(parseScan('1234567890', aim).value, '1234567890', 'configured but absent is fine');
});

t.test('the length is bounded: longer codes are unknown/too-long and only a short echo is kept', async (t) => {
  const small = { aimPrefix: false, maxLength: 16 };
  t.equal(parseScan('1234567890123456', small).kind, 'bill');
  const p = parseScan('1'.repeat(17), small);
  t.equal(p.kind, 'unknown');
  t.equal(p.detail?.reason, 'too-long');
  t.same(p.detail?.message, MESSAGES['too-long']);
  const huge = parseScan(Buffer.alloc(10_000_000, 0x41), opts);
  t.equal(huge.kind, 'unknown');
  t.equal(huge.detail?.reason, 'too-long');
  t.ok(huge.value.length <= 49, 'echo is bounded');
  t.equal(parseScan('1234567890', opts, true).detail?.reason, 'too-long', 'overflow flag from the framer wins');
});

t.test('empty and control-only payloads are unknown/empty', async (t) => {
  t.equal(parseScan('', opts).detail?.reason, 'empty');
  t.equal(parseScan('\r\n\x00\x1b ', opts).detail?.reason, 'empty');
  t.same(classify('', 512).detail?.message, MESSAGES.empty);
});

t.test('garbage never throws and is always unknown (seeded random bytes)', async (t) => {
  let seed = 42;
  const rand = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (let i = 0; i < 2000; i++) {
    const bytes = Buffer.alloc(1 + Math.floor(rand() * 200));
    for (let j = 0; j < bytes.length; j++) bytes[j] = Math.floor(rand() * 256);
    const p = parseScan(bytes, aim);
    if (p.kind !== 'unknown' || typeof p.value !== 'string' || p.value.length > 49) {
      t.fail(`random payload classified as ${p.kind}: ${bytes.toString('hex')}`);
      return;
    }
  }
  t.pass('2000 random payloads all unknown');
  for (const weird of ['upi://pay?%', 'upi://pay?pa=%E0%A4', 'https://[::1', 'ecorner:receipt/%%%', ']', ']Q', '\uFFFD'.repeat(600)]) {
    t.doesNotThrow(() => parseScan(weird, aim), JSON.stringify(weird.slice(0, 24)));
  }
});

t.test('duplicate suppression within the window, using the given clock', async (t) => {
  const f = new DuplicateFilter(1500);
  t.equal(f.accept('a', 0), true);
  t.equal(f.accept('a', 1000), false, 'same code within 1.5 s');
  t.equal(f.accept('a', 2400), false, 're-read extends the window (1.4 s after the last read)');
  t.equal(f.accept('a', 3900), true, '1.5 s after the last read');
  t.equal(f.accept('b', 3901), true, 'a different code always passes');
  t.equal(f.accept('a', 3902), true, 'and resets the memory');
  t.equal(f.accept('a', 1000), true, 'clock going backwards is not a duplicate');
  const off = new DuplicateFilter(0);
  t.equal(off.accept('a', 0), true);
  t.equal(off.accept('a', 0), true, 'window 0 disables suppression');
});
