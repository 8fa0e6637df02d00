import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import t from 'tap';
import { CentralConfigError, loadCentralConfig, parseCentralConfig, resolveCentralSecrets, tokenHash } from '../../../central/config/load.js';
import { newSecret } from '../../../protocol/secrets.js';

const GOOD = 'kZ8q-Lm3vR7xT2nB9cW4yP6sD1fG5hJ0aQe';
const kiosk = { id: 'KE-DLS-01', site: 'DLS', name: 'Dehli Sujanpur', secret: GOOD };
const gateway = { provider: 'razorpay', webhookSecret: 'Wb4kN7pQ2xZ9mC5vR8tL3sD6fH1jG0yEa' };
const base = { version: 1, kiosks: [kiosk], gateway };

t.test('defaults are filled in', async (t) => {
  const c = parseCentralConfig(base);
  t.equal(c.listen.port, 8090);
  t.equal(c.heartbeat.periodSeconds, 60);
  t.equal(c.heartbeat.graceSeconds, 120);
  t.equal(c.signatureWindowSeconds, 300);
  t.equal(c.public, false, 'the fleet page needs a viewer unless configured public');
  t.same(c.operators, []);
  t.equal(c.lookupMissesPerMinute, 10);
});

t.test('every problem is reported', async (t) => {
  const err = t.throws(() => parseCentralConfig({ version: 1, adminToken: 'short', kiosks: [{ ...kiosk, colour: 'red' }], listen: { port: 70000 } })) as unknown as CentralConfigError;
  t.ok(err instanceof CentralConfigError);
  t.ok(err.problems.length >= 4, err.problems.join(' | '));
  t.match(err.message, /adminToken/, 'the old shared admin token is gone');
  t.match(err.message, /gateway/);
  t.match(err.message, /colour/);
  t.match(err.message, /listen\/port/);
  const dup = t.throws(() => parseCentralConfig({ ...base, kiosks: [kiosk, kiosk] })) as unknown as CentralConfigError;
  t.match(dup.message, /listed twice/);
});

t.test('outside dev mode every placeholder, short or patterned secret is refused, naming the field', async (t) => {
  const bad: Array<[string, string]> = [
    ['placeholder change-me', 'kZ8qLm3vR7xT2nB9cW4yP6sD1f-change-me'],
    ['placeholder dev-', 'dev-kZ8qLm3vR7xT2nB9cW4yP6sD1fG5hJ0'],
    ['placeholder secret', 'kZ8qLm3vR7xSECRETnB9cW4yP6sD1fG5hJ0'],
    ['placeholder example', 'example-kZ8qLm3vR7xT2nB9cW4yP6sD1fG5'],
    ['short', 'kZ8qLm3vR7xT2nB9cW4yP6'],
    ['missing', ''],
    ['not random (few characters)', 'abababababababababababababababab12'],
    ['not random (a run)', 'kZ8qLm3vR7xT2nB9cW4yP6sD1fGaaaaaaaa'],
    ['not random (a sequence)', 'abcdefghkZ8qLm3vR7xT2nB9cW4yP6sD1f'],
  ];
  const fields: Array<[string, (v: string) => Record<string, unknown>, RegExp]> = [
    ['kiosk secret', (v) => ({ ...base, kiosks: [{ ...kiosk, secret: v }] }), /\/kiosks\/0\/secret \(KE-DLS-01\)/],
    ['gateway webhook secret', (v) => ({ ...base, gateway: { ...gateway, webhookSecret: v } }), /\/gateway\/webhookSecret/],
    ['metrics scrape token', (v) => ({ ...base, metricsToken: v }), /\/metricsToken/],
  ];
  for (const [field, build, names] of fields) {
    for (const [label, value] of bad) {
      // A missing value is the schema's refusal (minLength); the rest are the secret rule's.
      const err = t.throws(() => resolveCentralSecrets(parseCentralConfig(build(value)), 'central.json', { dev: false }), `${field}: ${label}`) as unknown as CentralConfigError;
      t.match(err?.message, value === '' ? /must NOT have fewer than 1 characters|is missing/ : names, `${field}: ${label} names the field`);
    }
    t.doesNotThrow(() => resolveCentralSecrets(parseCentralConfig(build(newSecret())), 'central.json', { dev: false }), `${field}: a new random secret passes`);
    t.doesNotThrow(() => resolveCentralSecrets(parseCentralConfig(build('dev-change-me-but-accepted')), 'central.json', { dev: true }), `${field}: dev mode accepts an example value`);
  }
});

t.test('operators: hashes only outside dev mode; a dev token is hashed at once', async (t) => {
  const plain = { ...base, operators: [{ name: 'anita', role: 'admin', token: newSecret() }] };
  t.throws(() => resolveCentralSecrets(parseCentralConfig(plain), 'central.json', { dev: false }), /operators\/0 \(anita\)\/token: a token in place is for dev mode only/);
  const token = newSecret();
  const dev = resolveCentralSecrets(parseCentralConfig({ ...base, operators: [{ name: 'anita', role: 'admin', token }] }), 'central.json', { dev: true });
  t.same(dev.operators, [{ name: 'anita', role: 'admin', tokenHash: tokenHash(token) }], 'no token is kept, only its hash');
  const hashed = resolveCentralSecrets(parseCentralConfig({ ...base, operators: [{ name: 'anita', role: 'admin', tokenHash: tokenHash(token) }] }), 'central.json', { dev: false });
  t.equal(hashed.operators[0]!.tokenHash, tokenHash(token));
  t.throws(() => resolveCentralSecrets(parseCentralConfig({ ...base, operators: [{ name: 'anita', role: 'admin', tokenHash: tokenHash(token) }, { name: 'vidya', role: 'viewer', tokenHash: tokenHash(token) }] }), 'central.json', { dev: false }), /share one token/);
  t.throws(() => parseCentralConfig({ ...base, operators: [{ name: 'x', role: 'root', tokenHash: tokenHash(token) }] }), /role/);
});

t.test('file: secrets are read beside the config, and checked the same way', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ecorner-central-config-'));
  t.teardown(() => undefined);
  const good = newSecret();
  writeFileSync(path.join(dir, 'kiosk.secret'), `${good}\n`);
  writeFileSync(path.join(dir, 'weak.secret'), 'dev-secret-change-me\n');
  const file = path.join(dir, 'central.json');
  writeFileSync(file, JSON.stringify({ ...base, kiosks: [{ ...kiosk, secret: 'file:kiosk.secret' }], gateway: { ...gateway, webhookSecret: `file:${path.join(dir, 'weak.secret')}` } }));
  const err = await loadCentralConfig(file).then(() => null, (e: unknown) => e as CentralConfigError);
  t.ok(err instanceof CentralConfigError);
  t.equal(err!.problems.length, 1, err!.problems.join(' | '));
  t.match(err!.problems[0], /\/gateway\/webhookSecret contains the placeholder word/);
  writeFileSync(file, JSON.stringify({ ...base, kiosks: [{ ...kiosk, secret: 'file:kiosk.secret' }], gateway: { ...gateway, webhookSecret: 'file:missing.secret' } }));
  await t.rejects(loadCentralConfig(file), /\/gateway\/webhookSecret: cannot read .*missing\.secret/);
  writeFileSync(file, JSON.stringify({ ...base, kiosks: [{ ...kiosk, secret: 'file:kiosk.secret' }] }));
  const c = await loadCentralConfig(file);
  t.equal(c.kiosks[0]!.secret, good, 'the file\'s secret, trimmed');
});

t.test('the shipped config file works in dev mode only, and paths resolve against it', async (t) => {
  const file = path.resolve('central/config/central.json');
  const err = await loadCentralConfig(file).then(() => null, (e: unknown) => e as CentralConfigError);
  t.ok(err instanceof CentralConfigError, 'refused outside dev mode');
  t.match(err!.message, /central\.json/);
  for (const field of ['/kiosks/0/secret (KE-DLS-01)', '/gateway/webhookSecret', '/operators/2 (dev-admin)/token']) t.ok(err!.problems.some((p) => p.startsWith(field)), `names ${field}`);
  const c = await loadCentralConfig(file, { dev: true });
  t.equal(c.kiosks.length, 5);
  t.equal(c.dbPath, path.resolve('central/data/central.sqlite'));
  t.equal(c.networkPath, path.resolve('config/network.json'));
  t.ok(c.operators.every((o) => o.token === undefined && /^sha256:/.test(o.tokenHash ?? '')), 'dev tokens are held as hashes');
});

t.test('unreadable and malformed files', async (t) => {
  await t.rejects(loadCentralConfig('/nonexistent/central.json'), /cannot read/);
  await t.rejects(loadCentralConfig(path.resolve('test/fixtures/central/not-json.txt')), /not valid JSON/);
});
