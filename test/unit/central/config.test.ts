import path from 'node:path';
import t from 'tap';
import { CentralConfigError, loadCentralConfig, parseCentralConfig } from '../../../central/config/load.js';

const kiosk = { id: 'KE-DLS-01', site: 'DLS', name: 'Dehli Sujanpur', secret: 'a-secret-of-16-chars+' };

t.test('defaults are filled in', async (t) => {
  const c = parseCentralConfig({ version: 1, adminToken: 'admin-token-0123456789', kiosks: [kiosk] });
  t.equal(c.listen.port, 8090);
  t.equal(c.heartbeat.periodSeconds, 60);
  t.equal(c.heartbeat.graceSeconds, 120);
  t.equal(c.signatureWindowSeconds, 300);
});

t.test('every problem is reported', async (t) => {
  const err = t.throws(() => parseCentralConfig({ version: 1, adminToken: 'short', kiosks: [{ ...kiosk, secret: 'short', colour: 'red' }], listen: { port: 70000 } })) as unknown as CentralConfigError;
  t.ok(err instanceof CentralConfigError);
  t.ok(err.problems.length >= 4, err.problems.join(' | '));
  t.match(err.message, /adminToken/);
  t.match(err.message, /colour/);
  t.match(err.message, /listen\/port/);
  const dup = t.throws(() => parseCentralConfig({ version: 1, adminToken: 'admin-token-0123456789', kiosks: [kiosk, kiosk] })) as unknown as CentralConfigError;
  t.match(dup.message, /listed twice/);
});

t.test('the shipped config file is valid and paths resolve against it', async (t) => {
  const file = path.resolve('central/config/central.json');
  const c = await loadCentralConfig(file);
  t.equal(c.kiosks.length, 5);
  t.equal(c.dbPath, path.resolve('central/data/central.sqlite'));
  t.equal(c.networkPath, path.resolve('config/network.json'));
});

t.test('unreadable and malformed files', async (t) => {
  await t.rejects(loadCentralConfig('/nonexistent/central.json'), /cannot read/);
  await t.rejects(loadCentralConfig(path.resolve('test/fixtures/central/not-json.txt')), /not valid JSON/);
});
