// What the kiosk tells a consumer, end to end through the real API and the
// simulator's central: escalation path, due rules with their sources and
// compensation, Aadhaar-like numbers hidden, old 8-digit numbers looked up,
// and a guard's help counted on central's fleet page.
import t from 'tap';
import { verhoeffCheckDigit, AADHAAR_MASK } from '../../../controller/services/redact.js';
import { FIRST_SEED_ACCOUNT, legacyOf } from '../../../central/billing/seed.js';
import { startTestKiosk, validComplaint } from '../../helpers/kiosk.js';

const aadhaarLike = (first11: string) => `${first11}${verhoeffCheckDigit(first11)}`;

t.test('GET /api/services: the statutory escalation path, the free-service notice, sourced due rules', async (t) => {
  const kiosk = await startTestKiosk(t);
  const body = (await kiosk.app.inject({ method: 'GET', url: '/api/services' })).json();
  t.same(body.escalation.steps.map((s: { id: string }) => s.id), ['licensee', 'cgrf', 'ombudsman'], '1912, then the CGRF, then the Ombudsman');
  t.equal(body.escalation.steps[0].contact, '1912');
  t.match(body.escalation.steps[0].detail.en, /1800-180-8752/);
  t.match(body.escalation.steps[1].name.hi, /^विद्युत उपभोक्ता शिकायत निवारण फोरम/);
  t.same(body.escalation.parallel.map((s: { contact: string }) => s.contact), ['1076'], 'the CM Helpline runs alongside, not as a step');
  t.same(body.freeNotice, { hi: 'सभी सेवाएँ निःशुल्क — किसी कर्मचारी या गार्ड को पैसे न दें', en: 'All services are free — do not pay any staff or guard' });

  const byId = (id: string) => body.services.find((s: { id: string }) => s.id === id);
  const nc = byId('new-connection').timeline;
  t.equal(nc.countsFrom, 'complete-application');
  t.match(nc.rule.en, /3 days after the application is complete/);
  t.match(nc.source, /Amendment Rules 2024/);
  const supply = byId('supply-complaint');
  t.equal(supply.name.en, 'Power supply complaint');
  const typeField = supply.fields.find((f: { name: string }) => f.name === 'type');
  t.ok(typeField.options.some((o: { value: string }) => o.value === 'prepaid-disconnected'), 'disconnected despite recharge');
  t.match(supply.fields.find((f: { name: string }) => f.name === 'substation').label.hi, /खंड/, 'the consumer is asked for the division named on the bill');
  t.match(byId('prepaid-recharge').help.en, /arrears/);
  t.match(byId('prepaid-recharge').fields[0].rule.hi, /पुराने बकाया/, 'said under the amount, before paying');
  t.equal(byId('load-change').name.hi, 'लोड बढ़ाएँ / घटाएँ');
});

t.test('an Aadhaar-like number is hidden before the request is stored, and the answer says so', async (t) => {
  const kiosk = await startTestKiosk(t);
  const aadhaar = aadhaarLike('23456789012');
  const notAadhaar = `${'23456789012'}${(verhoeffCheckDigit('23456789012') + 1) % 10}`;
  const description = `meter no ${notAadhaar}, my Aadhaar ${aadhaar.slice(0, 4)} ${aadhaar.slice(4, 8)} ${aadhaar.slice(8)}`;
  const res = await kiosk.app.inject({ method: 'POST', url: '/api/requests', payload: { ...validComplaint, fields: { type: 'excess-bill', description } } });
  t.equal(res.statusCode, 201);
  const view = res.json();
  t.same(view.redactedFields, ['description']);
  t.equal(view.fields.description, `meter no ${notAadhaar}, my Aadhaar ${AADHAAR_MASK}`, 'only the number passing the Verhoeff check is hidden');
  const stored = kiosk.store.get(view.reference)!;
  t.notOk(JSON.stringify(stored).includes(aadhaar.slice(8)), 'not on disk');

  const plain = (await kiosk.app.inject({ method: 'POST', url: '/api/requests', payload: validComplaint })).json();
  t.notOk('redactedFields' in plain, 'nothing hidden, nothing said');
});

t.test('an overdue request carries the compensation of its standard; the due rule keeps its source', async (t) => {
  let now = new Date('2026-11-26T06:30:00Z');
  const kiosk = await startTestKiosk(t, { now: () => now });
  const payload = { service: 'supply-complaint', mobile: '9876543210', account: '1234567890', fields: { substation: 'jajmau', type: 'transformer-failure' } };
  const made = (await kiosk.app.inject({ method: 'POST', url: '/api/requests', payload })).json();
  t.equal(made.dueBy, '2026-11-26T12:30:00.000Z', '6 hours');
  t.match(made.dueRule.source, /Standards of Performance\) Regulations 2019, amended 2020/);
  t.same(made.dueRule.compensation, { perDay: 150, currency: 'INR', confirmed: false }, 'reported, not yet confirmed from the schedule');
  now = new Date('2026-11-27T06:30:00Z');
  const later = (await kiosk.app.inject({ method: 'GET', url: `/api/requests/${made.reference}?mobile=9876543210` })).json();
  t.equal(later.dueRule.compensation.perDay, 150);
});

t.test('an old 8-digit number is looked up through central and kept beside the new; a guard\'s help is counted per kiosk', async (t) => {
  const kiosk = await startTestKiosk(t);
  const legacy = legacyOf(FIRST_SEED_ACCOUNT);
  const found = await kiosk.app.inject({ method: 'GET', url: `/api/legacy-accounts/${legacy}` });
  t.equal(found.statusCode, 200);
  t.same(found.json(), { legacyAccount: legacy, account: FIRST_SEED_ACCOUNT });

  const unknown = await kiosk.app.inject({ method: 'GET', url: '/api/legacy-accounts/99999999' });
  t.equal(unknown.statusCode, 404);
  t.equal(unknown.json().code, 'legacy-not-found');
  t.match(unknown.json().message.hi, /कनेक्शन नंबर/);
  const bad = await kiosk.app.inject({ method: 'GET', url: '/api/legacy-accounts/1234' });
  t.equal(bad.statusCode, 400);

  const refused = await kiosk.app.inject({ method: 'POST', url: '/api/requests', payload: { ...validComplaint, account: undefined, service: 'new-connection', legacyAccount: legacy, fields: { applicantName: 'A', address: 'B', category: 'domestic', loadKw: 1 } } });
  t.equal(refused.statusCode, 400, 'an old number alone, without the new one, is refused');

  const res = await kiosk.app.inject({ method: 'POST', url: '/api/requests', payload: { ...validComplaint, account: FIRST_SEED_ACCOUNT, legacyAccount: legacy, guardAssisted: true } });
  t.equal(res.statusCode, 201);
  const view = res.json();
  t.equal(view.account, FIRST_SEED_ACCOUNT);
  t.equal(view.legacyAccount, legacy);
  t.equal(view.guardAssisted, true);
  const second = (await kiosk.app.inject({ method: 'POST', url: '/api/requests', payload: validComplaint })).json();

  const refs = [view.reference as string, second.reference as string];
  let synced = 0;
  for (let i = 0; i < 100 && synced < 2; i++) {
    synced = refs.filter((ref) => kiosk.store.get(ref)?.sync.state === 'synced').length;
    if (synced < 2) await new Promise((r) => setTimeout(r, 100));
  }
  t.equal(synced, 2, 'both requests reached central');
  const page = await fetch(`${kiosk.central!.url}/`).then((r) => r.text());
  const card = page.slice(page.indexOf(kiosk.ctx.config.kiosk.id));
  t.match(card, /<dt>Guard helped<\/dt><dd class="guard-assisted">1<\/dd>/, 'one of two requests had a guard\'s help');
});
