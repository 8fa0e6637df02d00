import t from 'tap';
import { hashPin, parsePinHash, verifyPin } from '../../../controller/technician/pin.js';
import { checkTechnicianConfig } from '../../../controller/technician/config-check.js';
import { SessionTable } from '../../../controller/technician/sessions.js';
import { redactConfig } from '../../../controller/technician/redact.js';
import type { KioskConfig } from '../../../config/schema.js';

const cheap = { N: 1 << 14, r: 8, p: 1 };

t.test('scrypt hash: right PIN verifies, wrong does not, the hash holds no PIN', async (t) => {
  const hash = await hashPin('482913', cheap);
  t.match(hash, /^scrypt\$16384\$8\$1\$/);
  t.notMatch(hash, /482913/);
  t.ok(await verifyPin('482913', hash));
  t.notOk(await verifyPin('482914', hash));
  t.notOk(await verifyPin('48291', hash), 'too short is never accepted');
  await t.rejects(hashPin('12ab56'), /6 to 12 digits/);
  t.not(await hashPin('482913', cheap), hash, 'salted');
});

t.test('placeholders are not hashes', async (t) => {
  for (const p of [undefined, '', 'CHANGE-ME', 'scrypt$16384$8$1$short$short', '246810']) t.equal(parsePinHash(p), null, String(p));
});

t.test('outside simulator mode a missing or placeholder hash names technician.pinHash', async (t) => {
  const base = { technician: { host: '0.0.0.0', port: 8443 } } as unknown as KioskConfig;
  t.throws(() => checkTechnicianConfig(base, 'kiosk.json', false), /technician\.pinHash: missing/);
  t.throws(() => checkTechnicianConfig({ ...base, technician: { ...base.technician, pinHash: 'CHANGE-ME' } }, 'kiosk.json', false), /technician\.pinHash: not a scrypt hash/);
  const pinHash = await hashPin('482913', cheap);
  t.doesNotThrow(() => checkTechnicianConfig({ ...base, technician: { ...base.technician, pinHash } } as KioskConfig, 'kiosk.json', false));
  t.doesNotThrow(() => checkTechnicianConfig(base, 'kiosk.json', true, {}), 'simulator: PIN from the environment or the default');
  t.throws(() => checkTechnicianConfig({ ...base, technician: { ...base.technician, pinHash, metricsToken: 'change-me-metrics-token' } } as KioskConfig, 'kiosk.json', false), /technician\.metricsToken: contains the placeholder word/);
  t.throws(() => checkTechnicianConfig(base, 'kiosk.json', true, { ECORNER_TECHNICIAN_PIN: '12' }), /ECORNER_TECHNICIAN_PIN/);
});

t.test('sessions end after 30 minutes idle; use keeps them alive', async (t) => {
  let now = new Date('2026-12-01T10:00:00Z');
  const sessions = new SessionTable(() => now);
  const s = sessions.create('technician@10.0.0.5');
  t.equal(s.id.length, 43, '32 random bytes');
  now = new Date(now.getTime() + 29 * 60_000);
  t.ok(sessions.touch(s.id), 'used within 30 min');
  now = new Date(now.getTime() + 29 * 60_000);
  t.ok(sessions.touch(s.id), 'idle clock restarted by use');
  now = new Date(now.getTime() + 31 * 60_000);
  t.equal(sessions.touch(s.id), undefined, 'expired after 31 min idle');
  t.equal(sessions.touch('forged'), undefined);
});

t.test('config shown with secrets redacted', async (t) => {
  const shown = redactConfig({ central: { url: 'https://c', kioskSecret: 'abcdefghijklmnop' }, technician: { pinHash: 'scrypt$…', metricsToken: 'x'.repeat(20), port: 8443 } }) as Record<string, Record<string, unknown>>;
  t.same(shown.central, { url: 'https://c', kioskSecret: '[redacted]' });
  t.same(shown.technician, { pinHash: '[redacted]', metricsToken: '[redacted]', port: 8443 });
});
