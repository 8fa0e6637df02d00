import t from 'tap';
import { buildCatalogue, timelineKeys } from '../../../controller/services/catalogue.js';
import { dueBy, timelineKey } from '../../../controller/services/due-date.js';
import { loadNetworkConfig } from '../../../config/load.js';
import { loadTestConfig, tempDir } from '../../helpers/config.js';

const catalogue = buildCatalogue(loadNetworkConfig());

t.test('ten services with the contract ids, bilingual names and help', async (t) => {
  t.same(catalogue.map((s) => s.id), ['bill-payment', 'prepaid-recharge', 'new-connection', 'load-change', 'billing-complaint', 'meter-complaint', 'name-change', 'category-change', 'supply-complaint', 'request-status']);
  for (const s of catalogue) {
    t.match(s.name.hi, /[\u0900-\u097F]/, `${s.id} hi name`);
    t.ok(s.name.en && s.help.en && s.help.hi, `${s.id} help`);
    for (const f of s.fields) t.ok(f.label.en && f.label.hi && f.rule.en && f.rule.hi, `${s.id}.${f.name} labels`);
  }
});

t.test('supply complaints list every substation of the network', async (t) => {
  const field = catalogue.find((s) => s.id === 'supply-complaint')?.fields.find((f) => f.name === 'substation');
  t.equal(field?.type === 'enum' && field.options.length, 20);
});

t.test('due dates come from config timelines; a transformer failure is due in 6 hours', async (t) => {
  const timelines = loadTestConfig(tempDir()).config.timelines;
  for (const key of timelineKeys(catalogue)) t.ok(timelines[key], `timeline ${key} configured`);
  const supply = catalogue.find((s) => s.id === 'supply-complaint')!;
  const key = timelineKey(supply, { type: 'transformer-failure', substation: 'jajmau' });
  t.equal(key, 'transformer-failure');
  const at = new Date('2026-11-26T10:00:00Z');
  t.equal(dueBy(at, timelines[key!]!).toISOString(), '2026-11-26T16:00:00.000Z');
  const nc = catalogue.find((s) => s.id === 'new-connection')!;
  t.equal(timelines[timelineKey(nc, {})!]!.hours, 72, 'new connection: 3 days');
});
