import t from 'tap';
import { buildReceipt, formatIst, formatRupees } from '../../../controller/receipts/layout.js';
import { buildTestPage } from '../../../controller/receipts/test-page.js';
import { buildCatalogue } from '../../../controller/services/catalogue.js';
import { loadNetworkConfig } from '../../../config/load.js';
import type { StoredRequest } from '../../../controller/store/types.js';
import { textOf } from '../../../drivers/printer/document.js';

const catalogue = buildCatalogue(loadNetworkConfig());
const site = { en: 'Phoolbagh help desk', hi: 'फूलबाग हेल्प डेस्क' };
const base: StoredRequest = {
  reference: 'KE-PHB-261126-00007', service: 'billing-complaint', mobile: '9876543210', account: '1234567890',
  fields: { type: 'excess-bill', description: 'my neighbour Ram Lal at 12 Civil Lines says' },
  createdAt: '2026-11-26T20:00:00.000Z', dueBy: '2026-12-03T20:00:00.000Z', kioskId: 'KE-PHB-01',
  sync: { state: 'pending', attempts: 0 }, receipt: { state: 'pending' },
};
const timeline = { hours: 168, rule: { en: 'Billing complaint resolved within 7 days', hi: 'बिल संबंधी शिकायत का निस्तारण 7 दिन में' }, source: 'x', confirmed: false, countsFrom: 'submission' as const, compensation: null };

t.test('IST and rupee formatting', async (t) => {
  t.equal(formatIst(new Date('2026-11-26T20:00:00Z')), '27-11-2026 01:30 IST', 'crosses midnight in India');
  t.equal(formatRupees(123456), '1,23,456.00');
  t.equal(formatRupees(0.5), '0.50');
});

t.test('complaint receipt content', async (t) => {
  const doc = buildReceipt({ request: base, service: catalogue.find((s) => s.id === 'billing-complaint'), timeline, site });
  const text = textOf(doc);
  for (const expected of ['KESCO e-corner', 'केस्को ई-कॉर्नर', site.en, site.hi, 'Date: 27-11-2026 01:30 IST', 'दिनांक: 27-11-2026 01:30 IST', 'KE-PHB-261126-00007',
    'Service: Billing complaint', 'सेवा: बिल संबंधी शिकायत', 'Account: 1234567890', 'कनेक्शन नंबर: 1234567890', 'Mobile: 98xxxxxx10', 'मोबाइल नंबर: 98xxxxxx10', 'Complaint: Excess bill', 'शिकायत: अधिक बिल',
    'To be resolved by: 04-12-2026 01:30 IST', 'निस्तारण की अंतिम तिथि: 04-12-2026 01:30 IST', timeline.rule.en, timeline.rule.hi,
    'UPPCL/KESCO helpline 1912 / toll-free 1800-180-8752', 'Not resolved? 1912 -> CGRF -> Electricity Ombudsman',
    'समाधान न हो तो: 1912 → सीजीआरएफ (विद्युत उपभोक्ता शिकायत निवारण फोरम) → विद्युत लोकपाल', 'Also: CM Helpline 1076 (IGRS / Jansunwai)',
    'सभी सेवाएँ निःशुल्क — किसी कर्मचारी या गार्ड को पैसे न दें', 'All services are free — do not pay any staff or guard', 'Kiosk: KE-PHB-01', 'कियोस्क: KE-PHB-01']) {
    t.ok(text.includes(expected), expected);
  }
  t.notOk(text.some((l) => l.includes('9876543210')), 'mobile never printed in full');
  t.notOk(text.some((l) => l.includes('Ram Lal')), 'free-text details stay off the receipt');
  t.same(doc.blocks.filter((b) => b.kind === 'qr'), [{ kind: 'qr', data: 'KE-PHB-261126-00007', size: 6 }]);
  t.match(doc.blocks.find((b) => b.kind === 'text' && b.text === base.reference), { size: 'large', bold: true });
  t.notOk(text.some((l) => l.includes('₹')), 'no amount on a complaint');
  t.notOk(text.some((l) => l.startsWith('REPRINT')));
  t.notOk(text.some((l) => /IGRS 1076 ->|उपभोक्ता फोरम/.test(l)), 'the CM Helpline is not a step before the CGRF; the CGRF is not the consumer court');
  const order = ['1912', 'CGRF', 'Electricity Ombudsman'].map((w) => text.find((l) => l.startsWith('Not resolved?'))!.indexOf(w));
  t.same([...order].sort((a, b) => a - b), order, 'licensee, then CGRF, then Ombudsman');
});

t.test('no address on paper; a complete-application rule is printed instead of a date', async (t) => {
  const request: StoredRequest = { ...base, service: 'new-connection', account: undefined, fields: { applicantName: 'Sunita Gupta', address: '12 Civil Lines, Kanpur 208001', category: 'domestic', loadKw: 2 } } as StoredRequest;
  const nc = { hours: 72, rule: { en: 'New connection within 3 days after the application is complete (documents and charges submitted)', hi: 'आवेदन पूर्ण होने के 3 दिन के भीतर नया कनेक्शन' }, source: 's', confirmed: true, countsFrom: 'complete-application' as const, compensation: null };
  const text = textOf(buildReceipt({ request, service: catalogue.find((s) => s.id === 'new-connection'), timeline: nc, site }));
  t.notOk(text.some((l) => /Civil Lines|208001|Address|पता/.test(l)), 'the address stays off the receipt');
  t.ok(text.includes('Sunita Gupta'), 'the applicant name is printed');
  t.ok(text.includes(nc.rule.en) && text.includes('To be resolved by / निस्तारण की अंतिम तिथि:'));
  t.notOk(text.some((l) => l.includes('30-11-2026') || l.includes('04-12-2026')), 'no date promised before the application is complete');
});

t.test('a request whose text had an Aadhaar-like number says so; an old number prints beside the new', async (t) => {
  const request: StoredRequest = { ...base, legacyAccount: '12345678', redactedFields: ['description'] };
  const text = textOf(buildReceipt({ request, service: catalogue.find((s) => s.id === 'billing-complaint'), timeline, site }));
  t.ok(text.includes('Old number: 12345678') && text.includes('पुराना नंबर: 12345678'));
  t.ok(text.includes('Account: 1234567890') && text.includes('कनेक्शन नंबर: 1234567890'));
  t.ok(text.includes('12-digit ID numbers in your text were hidden.'));
});

t.test('payment receipt shows the amount in ₹ and does not claim payment', async (t) => {
  const request: StoredRequest = { ...base, service: 'bill-payment', fields: { amount: 2345.5 } };
  const text = textOf(buildReceipt({ request, service: catalogue.find((s) => s.id === 'bill-payment'), site }));
  t.ok(text.includes('Amount / राशि: ₹ 2,345.50'));
  t.ok(text.some((l) => /confirmed by KESCO/.test(l)));
  t.notOk(text.some((l) => /\bpaid\b/i.test(l)), 'never says paid');
});

t.test('reprint is marked, unknown services and fields still print', async (t) => {
  const request: StoredRequest = { ...base, fields: { legacy: 'x'.repeat(100) } };
  const text = textOf(buildReceipt({ request, site, reprintedAt: new Date('2026-11-27T04:30:00Z') }));
  t.ok(text.includes('REPRINT 27-11-2026 10:00 IST'));
  t.ok(text.includes('Service: billing-complaint'));
  t.ok(text.some((l) => l.startsWith('legacy: xxx') && l.endsWith('…') && [...l].length < 60), 'long values clipped');
});

t.test('a copy for an uncertain outcome says COPY / प्रतिलिपि with the original time; the original does not', async (t) => {
  const copy = textOf(buildReceipt({ request: base, site, copyOf: new Date('2026-11-27T04:30:00Z') }));
  t.ok(copy.includes('*** COPY ***'));
  t.ok(copy.includes('*** प्रतिलिपि ***'));
  t.ok(copy.includes('COPY of receipt sent 27-11-2026 10:00 IST'), 'original send time, IST');
  t.ok(copy.some((l) => l.includes('प्रतिलिपि') || l.includes('मूल रसीद')));
  t.ok(copy.indexOf('*** COPY ***') < copy.indexOf(base.reference), 'marked above the reference');
  const original = textOf(buildReceipt({ request: base, site }));
  t.notOk(original.some((l) => /COPY|प्रतिलिपि/.test(l)), 'the original carries no mark');
});

t.test('test page lists every status field, a barcode, a QR and Hindi', async (t) => {
  const raw = {
    printer: { drawerPin3High: false, offline: false, waitingOnlineRecovery: false, feedButtonPressed: false },
    offlineCause: { coverOpen: false, feedingByButton: false, stoppedByPaperEnd: false, errorOccurred: false },
    error: { mechanical: false, autoCutter: true, unrecoverable: false, autoRecoverable: false },
    paper: { nearEnd: true, end: false },
  };
  const doc = buildTestPage({ kioskId: 'KE-PHB-01', version: '1.2.3', site, status: { state: 'error', cause: 'auto-cutter' }, raw, port: 'usb:/dev/usb/lp0', paperWidthMm: 58, now: new Date('2026-11-26T08:35:00Z') });
  const text = textOf(doc).join('\n');
  t.match(text, /Kiosk: +KE-PHB-01/);
  t.match(text, /Version: 1\.2\.3/);
  t.match(text, /Status: +error \(auto-cutter\)/);
  t.match(text, /cutter YES/);
  t.match(text, /near end YES/);
  t.match(text, /हिंदी/);
  t.ok(doc.blocks.some((b) => b.kind === 'barcode' && b.data === 'KE-PHB-01'));
  t.ok(doc.blocks.some((b) => b.kind === 'qr'));
  t.ok(textOf(doc).every((l) => [...l].length <= 48), 'lines fit');
});
