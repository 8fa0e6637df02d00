// Outside simulator mode: the PIN hash must be real (exit 2 otherwise), and
// the technician listener speaks only HTTPS with the kiosk's own certificate.
import { request } from 'node:https';
import { request as httpRequest } from 'node:http';
import type { TLSSocket } from 'node:tls';
import t from 'tap';
import { pino } from 'pino';
import { startKiosk } from '../../../controller/kiosk.js';
import { hashPin } from '../../../controller/technician/pin.js';
import { loadTestConfig, tempDir, writeTestConfig } from '../../helpers/config.js';
import { runController } from '../../helpers/process.js';
import { newSecret } from '../../../protocol/secrets.js';

const hardware = (pinHash?: string) => (c: Record<string, any>) => {
  c.simulator.startCentral = false;
  c.central.url = 'http://127.0.0.1:9';
  c.central.kioskSecret = newSecret(); // outside simulator mode the shipped one is refused
  if (pinHash !== undefined) c.technician.pinHash = pinHash;
};

for (const [name, pinHash, message] of [
  ['placeholder', 'CHANGE-ME-with-npm-run-technician:pin-hash', /technician\.pinHash: not a scrypt hash/],
  ['missing', undefined, /technician\.pinHash: missing/],
] as const) {
  t.test(`a ${name} PIN hash outside simulator mode stops start-up with exit 2`, async (t) => {
    const file = writeTestConfig(tempDir(), hardware(pinHash));
    const run = runController([], { ECORNER_CONFIG: file });
    t.equal(await run.exited, 2);
    t.match(run.output(), message);
    t.match(run.output(), file);
    t.notMatch(run.output(), /listening/);
  });
}

interface Answer { status: number; body: string; headers: Record<string, string | string[] | undefined>; fingerprint: string }

function httpsCall(url: string, method: string, body?: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // The kiosk's certificate is self-signed: the test checks its fingerprint instead, as a technician does.
    const req = request(url, { method, rejectUnauthorized: false, headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers } }, (res) => {
      let text = '';
      const fingerprint = (res.socket as TLSSocket).getPeerCertificate().fingerprint256;
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers, fingerprint }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

t.test('HTTPS with a per-kiosk self-signed certificate, kept across restarts; Secure cookie', async (t) => {
  const dataDir = tempDir();
  const pinHash = await hashPin('482913', { N: 1 << 14, r: 8, p: 1 });
  const kiosk = await startKiosk(loadTestConfig(dataDir, hardware(pinHash)), { simulator: false, log: pino({ level: 'silent' }) });
  t.teardown(() => kiosk.stop());
  t.match(kiosk.technician.url!, /^https:\/\//);
  t.match(kiosk.technician.fingerprint, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);

  const page = await httpsCall(`${kiosk.technician.url!}/technician`, 'GET');
  t.equal(page.status, 200);
  t.equal(page.fingerprint, kiosk.technician.fingerprint, 'the certificate served is the one on the page header');

  const origin = kiosk.technician.url!;
  t.equal((await httpsCall(`${origin}/api/technician/login`, 'POST', '{"pin":"246810"}', { origin })).status, 401, 'the simulator default PIN does not work here');
  const login = await httpsCall(`${origin}/api/technician/login`, 'POST', '{"pin":"482913"}', { origin });
  t.equal(login.status, 200);
  const cookie = String(login.headers['set-cookie']);
  t.match(cookie, /; Secure/);
  t.match(cookie, /HttpOnly/);
  t.match(cookie, /SameSite=Strict/);
  const state = JSON.parse((await httpsCall(`${origin}/api/technician/state`, 'GET', undefined, { cookie: cookie.split(';')[0]! })).body) as { fingerprint: string; mode: string };
  t.equal(state.fingerprint, kiosk.technician.fingerprint);
  t.equal(state.mode, 'hardware');

  const setMaintenance = await httpsCall(`${origin}/api/technician/maintenance`, 'POST', JSON.stringify({ until: new Date(Date.now() + 600_000).toISOString() }), { origin, cookie: cookie.split(';')[0]! });
  t.equal(setMaintenance.status, 200);
  const onScreen = (await (await fetch(`${kiosk.url}/api/ui/maintenance`)).json()) as { active: boolean; technician: { fingerprint: string } };
  t.equal(onScreen.active, true);
  t.equal(onScreen.technician.fingerprint, kiosk.technician.fingerprint, 'the kiosk screen can show the fingerprint in maintenance');

  const plain = await new Promise<string>((resolve) => {
    const req = httpRequest(origin.replace('https:', 'http:') + '/technician', (res) => resolve(`HTTP ${res.statusCode}`));
    req.on('error', (err) => resolve(err.message));
    req.end();
  });
  t.notMatch(plain, /HTTP 200/, 'no plain HTTP outside simulator mode');

  const fingerprint = kiosk.technician.fingerprint;
  await kiosk.stop();
  const again = await startKiosk(loadTestConfig(dataDir, hardware(pinHash)), { simulator: false, log: pino({ level: 'silent' }) });
  t.teardown(() => again.stop());
  t.equal(again.technician.fingerprint, fingerprint, 'the same certificate after a restart');
});
