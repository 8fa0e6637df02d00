import t from 'tap';
import { buildCatalogue } from '../../../controller/services/catalogue.js';
import { cleanText, normaliseAccount, normaliseMobile, validateRequest } from '../../../controller/services/validation.js';
import { messages } from '../../../controller/services/errors.js';
import { loadNetworkConfig } from '../../../config/load.js';

const catalogue = buildCatalogue(loadNetworkConfig());
const devanagari = /[\u0900-\u097F]/;
const base = { mobile: '9876543210', account: '1234567890' };
const codes = (r: ReturnType<typeof validateRequest>) => (r.ok ? [] : r.errors.map((e) => `${e.field}:${e.code}`));

t.test('every error message has English and Hindi text', async (t) => {
  for (const [code, m] of Object.entries(messages)) {
    t.ok(m.en.length > 5, `${code} en`);
    t.match(m.hi, devanagari, `${code} hi is Devanagari`);
  }
});

t.test('mobile: 10 digits starting 6-9, +91 / 0 / spaces stripped', async (t) => {
  for (const ok of ['9876543210', '6000000000', '+91 98765 43210', '+919876543210', '09876543210', '919876543210', ' 98765-43210 ']) {
    t.same(normaliseMobile(ok), { ok: true, value: ok.includes('6000') ? '6000000000' : '9876543210' }, ok);
  }
  for (const bad of ['5876543210', '987654321', '98765432101', 'abcdefghij', '+92 9876543210', '0098765432']) {
    const r = normaliseMobile(bad);
    t.equal(r.ok, false, bad);
    if (!r.ok) t.equal(r.errors[0]?.code, 'invalid-mobile');
  }
  const missing = normaliseMobile('  ');
  t.equal(!missing.ok && missing.errors[0]?.code, 'missing-mobile');
});

t.test('account: 10 digits; legacy 8-digit gets its own bilingual message', async (t) => {
  t.same(normaliseAccount('1234567890'), { ok: true, value: '1234567890' });
  t.same(normaliseAccount('12345 67890'), { ok: true, value: '1234567890' });
  const legacy = normaliseAccount('12345678');
  t.equal(legacy.ok, false);
  if (!legacy.ok) {
    t.equal(legacy.errors[0]?.code, 'legacy-account');
    t.match(legacy.errors[0]?.message.en, /10-digit/);
    t.match(legacy.errors[0]?.message.hi, /10 अंकों/);
  }
  for (const bad of ['123456789', '12345678901', '12345abcde', '1234567']) {
    const r = normaliseAccount(bad);
    t.equal(!r.ok && r.errors[0]?.code, 'invalid-account', bad);
  }
});

t.test('a valid billing complaint is normalised', async (t) => {
  const r = validateRequest(catalogue, { service: 'billing-complaint', mobile: '+91 98765 43210', account: '1234567890', fields: { type: 'excess-bill', description: 'bill\u0007 too\nhigh' } });
  t.ok(r.ok);
  if (r.ok) {
    t.equal(r.value.mobile, '9876543210');
    t.same(r.value.fields, { type: 'excess-bill', description: 'bill too high' });
  }
});

t.test('billing complaint type must be one of the four', async (t) => {
  for (const type of ['wrong-reading', 'excess-bill', 'bill-not-received', 'payment-not-posted']) {
    t.ok(validateRequest(catalogue, { service: 'billing-complaint', ...base, fields: { type } }).ok, type);
  }
  t.same(codes(validateRequest(catalogue, { service: 'billing-complaint', ...base, fields: { type: 'too-high' } })), ['fields.type:invalid-choice']);
  t.same(codes(validateRequest(catalogue, { service: 'billing-complaint', ...base, fields: {} })), ['fields.type:missing-field']);
});

t.test('loads are whole kW within range', async (t) => {
  const load = (v: string | number) => validateRequest(catalogue, { service: 'load-change', ...base, fields: { direction: 'increase', requestedLoadKw: v } });
  t.ok(load(5).ok);
  t.ok(load('12').ok);
  t.same(codes(load('5.5')), ['fields.requestedLoadKw:not-whole-number']);
  t.same(codes(load(-2)), ['fields.requestedLoadKw:not-whole-number']);
  t.same(codes(load(0)), ['fields.requestedLoadKw:out-of-range']);
  t.same(codes(load(501)), ['fields.requestedLoadKw:out-of-range']);
  t.same(codes(load('5kW')), ['fields.requestedLoadKw:not-whole-number']);
});

t.test('readings are numeric', async (t) => {
  const reading = (v: string | number) => validateRequest(catalogue, { service: 'billing-complaint', ...base, fields: { type: 'wrong-reading', meterReading: v } });
  t.ok(reading('12345.6').ok);
  t.ok(reading(42).ok);
  t.same(codes(reading('12a45')), ['fields.meterReading:not-a-number']);
  t.same(codes(reading('1.25')), ['fields.meterReading:too-many-decimals']);
  t.same(codes(reading('1e5')), ['fields.meterReading:not-a-number']);
});

t.test('free text is bounded and stripped of control characters', async (t) => {
  t.equal(cleanText('a\u0000b\u001bc\u202ed\r\ne'), 'a b c d e');
  const long = 'क'.repeat(501);
  t.same(codes(validateRequest(catalogue, { service: 'meter-complaint', ...base, fields: { type: 'burnt', description: long } })), ['fields.description:text-too-long']);
  t.ok(validateRequest(catalogue, { service: 'meter-complaint', ...base, fields: { type: 'burnt', description: 'क'.repeat(500) } }).ok);
  // only control characters: treated as empty, so a required text is missing
  t.same(codes(validateRequest(catalogue, { service: 'name-change', ...base, fields: { newName: '\u0000\u0001', reason: 'sale' } })), ['fields.newName:missing-field']);
});

t.test('unknown services, unknown fields and the lookup service are refused', async (t) => {
  t.same(codes(validateRequest(catalogue, { service: 'free-electricity', ...base })), ['service:unknown-service']);
  t.same(codes(validateRequest(catalogue, { service: 'request-status', ...base, fields: { reference: 'KE-DLS-261126-00042' } })), ['service:service-is-lookup']);
  t.same(codes(validateRequest(catalogue, { service: 'meter-complaint', ...base, fields: { type: 'burnt', colour: 'red' } })), ['fields.colour:unknown-field']);
});

t.test('every error is reported at once', async (t) => {
  const r = validateRequest(catalogue, { service: 'load-change', mobile: '123', account: '12345678', fields: { direction: 'sideways', requestedLoadKw: 'x' } });
  t.same(codes(r).sort(), ['account:legacy-account', 'fields.direction:invalid-choice', 'fields.requestedLoadKw:not-whole-number', 'mobile:invalid-mobile']);
});

t.test('new connection needs no account; supply complaint needs a known substation', async (t) => {
  const nc = validateRequest(catalogue, { service: 'new-connection', mobile: '9876543210', fields: { applicantName: 'Ram Kumar', address: '12 Civil Lines, Kanpur', category: 'domestic', loadKw: 2 } });
  t.ok(nc.ok);
  t.ok(validateRequest(catalogue, { service: 'supply-complaint', ...base, fields: { substation: 'jajmau', type: 'transformer-failure' } }).ok);
  t.same(codes(validateRequest(catalogue, { service: 'supply-complaint', ...base, fields: { substation: 'lucknow', type: 'no-supply' } })), ['fields.substation:invalid-choice']);
});

t.test('amounts: rupees with at most two decimals, recharge in whole rupees', async (t) => {
  t.ok(validateRequest(catalogue, { service: 'bill-payment', ...base, fields: { billId: 'B-1234567890-202610', amount: '1499.50' } }).ok);
  t.same(codes(validateRequest(catalogue, { service: 'bill-payment', ...base, fields: { billId: 'B-1234567890-202610', amount: '10.005' } })), ['fields.amount:too-many-decimals']);
  t.same(codes(validateRequest(catalogue, { service: 'bill-payment', ...base, fields: { billId: '1234', amount: '10' } })), ['fields.billId:invalid-format']);
  t.same(codes(validateRequest(catalogue, { service: 'prepaid-recharge', ...base, fields: { amount: '99' } })), ['fields.amount:out-of-range']);
  t.same(codes(validateRequest(catalogue, { service: 'prepaid-recharge', ...base, fields: { amount: '150.5' } })), ['fields.amount:too-many-decimals']);
});
