// Without an outside help desk central behaves as before: its own tables are
// the tickets, staff change them through the admin API, nothing is queued
// for hand-over. And a help-desk config that cannot work stops start-up with
// a message naming the problem.
import t from 'tap';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { CentralConfigError, parseCentralConfig } from '../../../central/config/load.js';
import { buildCentral } from '../../../central/server.js';
import { HelpDeskConfigError } from '../../../central/helpdesk/index.js';
import { newSecret } from '../../../protocol/secrets.js';
import { tempDir } from '../../helpers/config.js';
import { startTestCentral } from '../../fixtures/central/central-helper.js';

const request = {
  reference: 'KE-DLS-251126-00001',
  service: 'billing-complaint',
  mobile: '9876543210',
  account: '2130000001',
  fields: { type: 'wrong-reading' },
  createdAt: '2025-11-26T05:59:00.000Z',
  dueBy: '2025-12-03T05:59:00.000Z',
};

t.test('built-in: no hand-over, status through the admin API, shown on the fleet page', async (t) => {
  const c = await startTestCentral(t);
  t.equal(c.app.central.config.helpdesk.type, 'builtin', 'the default');
  t.equal((await c.kioskFetch('POST', '/api/v1/requests', request)).status, 201);
  t.equal(c.count('helpdesk_handovers'), 0, 'nothing queued for an outside help desk');
  t.equal((await c.operatorFetch(null, 'GET', '/api/v1/helpdesk')).status, 401, 'for viewers, like the fleet page');
  t.match((await c.operatorFetch('viewer', 'GET', '/api/v1/helpdesk')).json, { kind: 'builtin', state: 'ok', pending: 0 });
  const waiting = await c.adminFetch('POST', '/api/v1/admin/requests/KE-DLS-01/KE-DLS-251126-00001/status', { status: 'waiting-on-consumer', note: 'Bring the last paid bill' });
  t.equal(waiting.status, 200);
  t.equal(waiting.json.status, 'waiting-on-consumer');
  const metrics = await (await fetch(`${c.url}/metrics`)).text();
  t.match(metrics, 'ecorner_central_helpdesk_up{helpdesk="builtin"} 1');
  t.match(metrics, /\necorner_central_helpdesk_pending 0\n/);
  const page = (await c.operatorFetch('viewer', 'GET', '/')).text;
  t.match(page, /id="helpdesk"[^]*central&#39;s own tables[^]*reachable/);
});

t.test('an RT help desk whose token file is missing stops start-up, naming the file', async (t) => {
  const dir = tempDir();
  const config = parseCentralConfig({
    version: 1,
    dbPath: path.join(dir, 'central.sqlite'),
    gateway: { provider: 'razorpay', webhookSecret: newSecret() },
    kiosks: [{ id: 'KE-DLS-01', site: 'DLS', name: 'Dehli Sujanpur', secret: newSecret() }],
    helpdesk: { type: 'rt', url: 'http://127.0.0.1:9', token: `file:${path.join(dir, 'missing.token')}`, queues: { 'circle-1': 'KESCO Circle 1' } },
  });
  const err = await buildCentral({ config, log: pino({ level: 'silent' }) }).then(() => null, (e: Error) => e);
  t.ok(err instanceof HelpDeskConfigError, String(err));
  t.match(err?.message, /helpdesk\.token: cannot read .*missing\.token/);
  writeFileSync(path.join(dir, 'empty.token'), '\n');
  config.helpdesk = { ...config.helpdesk, token: `file:${path.join(dir, 'empty.token')}` } as typeof config.helpdesk;
  await t.rejects(buildCentral({ config, log: pino({ level: 'silent' }) }), /empty\.token is empty/);
});

t.test('a help-desk config with the token inline, or an unknown key, is refused', async (t) => {
  const base = { version: 1, gateway: { provider: 'razorpay', webhookSecret: newSecret() }, kiosks: [{ id: 'KE-DLS-01', site: 'DLS', name: 'Dehli Sujanpur', secret: newSecret() }] };
  const inline = t.throws(() => parseCentralConfig({ ...base, helpdesk: { type: 'rt', url: 'http://rt', token: '1-14-abcdef', queues: {} } })) as unknown as CentralConfigError;
  t.ok(inline instanceof CentralConfigError);
  t.match(inline.message, /helpdesk\/token/);
  const unknown = t.throws(() => parseCentralConfig({ ...base, helpdesk: { type: 'zendesk' } })) as unknown as CentralConfigError;
  t.match(unknown.message, /helpdesk/);
});
