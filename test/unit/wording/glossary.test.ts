import t from 'tap';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { avoidedVariants, glossary, ticketStatusWords } from '../../../config/glossary.js';
import { configDir, loadNetworkConfig } from '../../../config/load.js';
import { MESSAGES as scannerMessages } from '../../../drivers/scanner/parse.js';
import { buildReceipt } from '../../../controller/receipts/layout.js';
import { buildDuplicateBill, buildPaymentReceipt } from '../../../controller/receipts/payment-receipt.js';
import { buildCatalogue } from '../../../controller/services/catalogue.js';
import { escalation, escalationLines } from '../../../controller/services/escalation.js';
import { messages as errorMessages } from '../../../controller/services/errors.js';
import { timelineKey } from '../../../controller/services/due-date.js';
import type { StoredRequest } from '../../../controller/store/types.js';
import { textOf } from '../../../drivers/printer/document.js';
import { S } from '../../../ui/consumer/i18n.js';
import { loadTestConfig, tempDir } from '../../helpers/config.js';

type Found = { where: string; en?: string; hi?: string };

/** Every {en, hi} pair inside a value, with where it was found. */
function bilinguals(value: unknown, where: string, out: Found[] = []): Found[] {
  if (Array.isArray(value)) value.forEach((v, i) => bilinguals(v, `${where}[${i}]`, out));
  else if (typeof value === 'function') {
    // Wording builders (S.accountFilled(v) …): called with sample arguments.
    const fn = value as (...a: unknown[]) => unknown;
    bilinguals(fn('12345678', '2130000001'), `${where}()`, out);
  } else if (typeof value === 'object' && value !== null) {
    const o = value as Record<string, unknown>;
    if (typeof o.en === 'string' || typeof o.hi === 'string') out.push({ where, ...(typeof o.en === 'string' ? { en: o.en } : {}), ...(typeof o.hi === 'string' ? { hi: o.hi } : {}) });
    for (const [k, v] of Object.entries(o)) if (k !== 'en' && k !== 'hi') bilinguals(v, `${where}.${k}`, out);
  }
  return out;
}

function check(t: Pick<typeof import('tap').default, 'fail' | 'equal'>, found: Found[]): void {
  let bad = 0;
  for (const f of found) {
    for (const lang of ['en', 'hi'] as const) {
      const text = f[lang];
      if (text === undefined) continue;
      const variants = avoidedVariants(text, lang);
      if (variants.length) {
        bad++;
        t.fail(`${f.where}.${lang} uses ${variants.map((v) => `"${v}"`).join(', ')} outside the glossary: "${text}"`);
      }
    }
  }
  t.equal(bad, 0, `${found.length} consumer-facing texts use the glossary's words`);
}

const network = loadNetworkConfig();
const catalogue = buildCatalogue(network);

t.test('the checker itself catches an avoided variant and spares the preferred term', async (t) => {
  t.same(avoidedVariants('अपना 10 अंकों का खाता संख्या दर्ज करें', 'hi'), ['खाता संख्या']);
  t.same(avoidedVariants('अपनी रसीद का संदर्भ संख्या', 'hi'), ['का संदर्भ संख्या'], 'grammatical gender');
  t.same(avoidedVariants('1912 → आईजीआरएस 1076 → उपभोक्ता फोरम', 'hi').sort(), ['आईजीआरएस 1076 →', 'उपभोक्ता फोरम'].sort());
  t.same(avoidedVariants(`${glossary.cgrf.hi} और ${glossary.account.hi}`, 'hi'), [], 'the glossary\'s own wording passes');
  t.same(avoidedVariants('No supply complaint', 'en'), ['No supply complaint']);
});

t.test('catalogue, error messages, scanner messages, escalation and ticket states', async (t) => {
  check(t, [
    ...bilinguals(catalogue, 'catalogue'),
    ...bilinguals(errorMessages, 'errors'),
    ...bilinguals(scannerMessages, 'scanner'),
    ...bilinguals(escalation, 'escalation'),
    ...bilinguals(escalationLines(), 'escalationLines'),
    ...bilinguals(ticketStatusWords, 'ticketStatus'),
    ...bilinguals(network, 'network'),
  ]);
});

t.test('the touchscreen\'s own words', async (t) => {
  check(t, bilinguals(S, 'ui.S'));
  t.same(S.freeNotice, { en: glossary.freeNotice.en, hi: glossary.freeNotice.hi });
});

t.test('touchscreen source files: no avoided variant in any string', async (t) => {
  const dir = path.join(configDir, '..', 'ui', 'consumer');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') || f.endsWith('.html'));
  t.ok(files.length > 10);
  const found: Found[] = [];
  for (const f of files) {
    const text = readFileSync(path.join(dir, f), 'utf8');
    // Each line is checked in both languages: a Hindi variant cannot hide in an English line.
    text.split('\n').forEach((line, i) => found.push({ where: `ui/consumer/${f}:${i + 1}`, en: line, hi: line }));
  }
  check(t, found);
});

t.test('site names and due-time rules', async (t) => {
  const found: Found[] = [];
  for (const f of readdirSync(path.join(configDir, 'sites'))) {
    const site = JSON.parse(readFileSync(path.join(configDir, 'sites', f), 'utf8')) as unknown;
    found.push(...bilinguals(site, `sites/${f}`));
  }
  const { config } = loadTestConfig(tempDir());
  found.push(...bilinguals(config.timelines, 'timelines'));
  check(t, found);
});

t.test('every receipt, for every service', async (t) => {
  const { config } = loadTestConfig(tempDir());
  const found: Found[] = [];
  for (const service of catalogue.filter((s) => s.kind !== 'lookup')) {
    const fields: Record<string, string | number> = {};
    for (const f of service.fields) fields[f.name] = f.type === 'enum' ? f.options[0]!.value : f.type === 'text' ? 'text' : 1;
    const request: StoredRequest = {
      reference: 'KE-DLS-261126-00001', service: service.id, mobile: '9876543210', account: '2130000001', legacyAccount: '30000001', redactedFields: ['description'], fields,
      createdAt: '2026-11-26T10:00:00.000Z', dueBy: '2026-11-27T10:00:00.000Z', kioskId: 'KE-DLS-01', sync: { state: 'pending', attempts: 0 }, receipt: { state: 'pending' },
    };
    const key = timelineKey(service, fields);
    const doc = buildReceipt({ request, service, ...(key && config.timelines[key] ? { timeline: config.timelines[key] } : {}), site: config.kiosk.name });
    textOf(doc).forEach((line, i) => found.push({ where: `receipt(${service.id})[${i}]`, en: line, hi: line }));
    t.ok(textOf(doc).includes(glossary.freeNotice.hi) && textOf(doc).includes(glossary.freeNotice.en), `${service.id}: free-service notice on the receipt`);
  }
  check(t, found);
});

t.test('payment receipt and duplicate bill', async (t) => {
  const site = { en: 'Dehli Sujanpur help desk', hi: 'देहली सुजानपुर हेल्प डेस्क' };
  const payment = { paymentId: 'P-00000001', reference: 'KE-DLS-261126-00001', account: '2130000001', purpose: 'bill' as const, billId: 'B-2130000001-202610', amountPaise: 100, upiRef: 'KEP0000000100', status: 'confirmed' as const, createdAt: '2026-11-26T10:00:00.000Z', expiresAt: '2026-11-26T10:15:00.000Z', confirmedAt: '2026-11-26T10:01:00.000Z', bankRef: 'UTR1' };
  const bill = { billId: 'B-2130000001-202610', period: '2026-10', unitsKwh: 1, amountPaise: 100, dueDate: '2026-11-20', status: 'paid' as const };
  const lines = [
    ...textOf(buildPaymentReceipt({ payment, site, kioskId: 'KE-DLS-01' })),
    ...textOf(buildDuplicateBill({ reply: { account: '2130000001', consumerName: 'A B.', category: 'LMV-1', outstandingPaise: 0, bills: [bill] }, bill, site, kioskId: 'KE-DLS-01', printedAt: new Date() })),
  ];
  check(t, lines.map((line, i) => ({ where: `paper[${i}]`, en: line, hi: line })));
});
