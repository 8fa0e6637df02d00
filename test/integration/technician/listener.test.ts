// The technician listener: login, sessions, rate limit, same-origin, the
// consumer port's 404s, self-test records and /metrics.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { startTestKiosk } from '../../helpers/kiosk.js';
import { tempDir } from '../../helpers/config.js';

const json = { 'content-type': 'application/json' };

async function login(base: string, pin = '246810'): Promise<{ status: number; cookie: string | null; setCookie: string | null }> {
  const res = await fetch(`${base}/api/technician/login`, { method: 'POST', headers: { ...json, origin: base }, body: JSON.stringify({ pin }) });
  const setCookie = res.headers.get('set-cookie');
  return { status: res.status, cookie: setCookie ? setCookie.split(';')[0]! : null, setCookie };
}

t.test('no session → 401 on every technician API; the consumer port has none of them', async (t) => {
  const kiosk = await startTestKiosk(t);
  const base = kiosk.technician.url!;
  const calls: Array<[string, string]> = [
    ['GET', '/api/technician/state'],
    ['GET', '/api/technician/session'],
    ['GET', '/api/technician/leds'],
    ['POST', '/api/technician/printer/test-page'],
    ['POST', '/api/technician/leds/cycle'],
    ['POST', '/api/technician/maintenance'],
    ['POST', '/api/technician/self-tests/scan'],
    ['POST', '/api/technician/ui/restart'],
    ['POST', '/api/technician/logout'],
    ['GET', '/api/technician/receipts/x.png'],
  ];
  for (const [method, url] of calls) {
    const res = await fetch(`${base}${url}`, { method, headers: { origin: base } });
    t.equal(res.status, 401, `${method} ${url} without a session`);
    const body = (await res.json()) as { message: { en: string; hi: string } };
    t.ok(body.message.en && body.message.hi, 'bilingual');
    const consumer = await fetch(`${kiosk.url}${url}`, { method, headers: json, ...(method === 'POST' ? { body: '{}' } : {}) });
    t.equal(consumer.status, 404, `consumer port: ${method} ${url} is 404`);
  }
  t.equal((await fetch(`${kiosk.url}/technician`)).status, 404, 'no technician page on the consumer port');
  t.equal((await fetch(`${kiosk.url}/metrics`)).status, 404, 'no metrics on the consumer port');
  t.equal((await fetch(`${base}/api/services`)).status, 404, 'the technician port serves no consumer API');
  t.equal((await fetch(`${base}/`)).status, 404, 'nor the touchscreen');
  t.equal((await fetch(`${base}/technician`)).status, 200, 'the page itself loads (it shows the login)');
});

t.test('login: session cookie attributes, same-origin, logout', async (t) => {
  const kiosk = await startTestKiosk(t);
  const base = kiosk.technician.url!;
  const ok = await login(base);
  t.equal(ok.status, 200);
  t.match(ok.setCookie, /HttpOnly/i);
  t.match(ok.setCookie, /SameSite=Strict/i);
  t.notMatch(ok.setCookie, /Secure/i, 'plain HTTP in simulator mode: not Secure');
  t.match(ok.setCookie, /Max-Age=1800/);
  const state = await fetch(`${base}/api/technician/state`, { headers: { cookie: ok.cookie! } });
  t.equal(state.status, 200);
  const body = (await state.json()) as { config: { central: { kioskSecret: string } }; health: { parts: Record<string, unknown> } };
  t.equal(body.config.central.kioskSecret, '[redacted]', 'secrets redacted');
  t.ok(body.health.parts.printer);

  const cross = await fetch(`${base}/api/technician/leds/cycle`, { method: 'POST', headers: { cookie: ok.cookie!, origin: 'http://evil.example' } });
  t.equal(cross.status, 403, 'another origin cannot act, even with the cookie');

  const out = await fetch(`${base}/api/technician/logout`, { method: 'POST', headers: { cookie: ok.cookie!, origin: base } });
  t.equal(out.status, 200);
  t.equal((await fetch(`${base}/api/technician/state`, { headers: { cookie: ok.cookie! } })).status, 401, 'logged out');
});

t.test('five wrong PINs → 429, and a right PIN does not get through either', async (t) => {
  const kiosk = await startTestKiosk(t);
  const base = kiosk.technician.url!;
  for (let i = 0; i < 5; i++) t.equal((await login(base, '111111')).status, 401, `wrong PIN ${i + 1}`);
  t.equal((await login(base, '111111')).status, 429);
  const right = await login(base);
  t.equal(right.status, 429, 'locked out for 5 minutes');
  t.equal(right.cookie, null);
});

t.test('self-tests are recorded with who ran them, persisted, and reach central', async (t) => {
  const dataDir = tempDir();
  const kiosk = await startTestKiosk(t, { dataDir });
  const base = kiosk.technician.url!;
  const { cookie } = await login(base);
  const headers = { cookie: cookie!, origin: base };
  const page = await fetch(`${base}/api/technician/printer/test-page`, { method: 'POST', headers });
  t.equal(page.status, 200);
  const leds = await fetch(`${base}/api/technician/leds/cycle`, { method: 'POST', headers });
  t.equal(leds.status, 200);
  const scan = (await (await fetch(`${base}/api/technician/self-tests/scan`, { method: 'POST', headers })).json()) as { code: string };
  t.match(scan.code, /^ECT-[A-Z]{6}$/);
  const injected = await fetch(`${kiosk.url}/api/sim/scan`, { method: 'POST', headers: json, body: JSON.stringify({ data: scan.code }) });
  t.equal(injected.status, 202);
  await t.resolves(waitFor(() => kiosk.records.latestSelfTests().length === 3), 'three records');
  const latest = Object.fromEntries(kiosk.records.latestSelfTests().map((r) => [r.name, r]));
  t.equal(latest['printer-test-page']?.ok, true);
  t.equal(latest['leds-cycle']?.ok, true);
  t.equal(latest['scan-test-code']?.ok, true);
  t.match(latest['printer-test-page']?.by, /^technician@/);

  // central's card: the last of each arrives with a (prompt) heartbeat
  await t.resolves(waitFor(async () => {
    const kiosks = (await (await fetch(`${kiosk.central!.url}/api/v1/kiosks`)).json()) as Array<{ id: string; selfTests?: Array<{ name: string }> }> | { kiosks: Array<{ id: string; selfTests?: Array<{ name: string }> }> };
    const list = Array.isArray(kiosks) ? kiosks : kiosks.kiosks;
    return (list.find((k) => k.id === 'KE-DLS-SIM')?.selfTests?.length ?? 0) >= 3;
  }), 'central has the self-tests');
  const fleetPage = await (await fetch(`${kiosk.central!.url}/`)).text();
  t.match(fleetPage, /printer-test-page/, 'the card shows the test page result');

  const image = await fetch(`${base}/api/technician/state`, { headers });
  const state = (await image.json()) as { receipts: Array<{ png: string; result: string }> };
  t.ok(state.receipts.length >= 1, 'the test page is among the recent jobs');
  const png = await fetch(`${base}${state.receipts[0]!.png}`, { headers });
  t.equal(png.status, 200);
  t.equal(Buffer.from(await png.arrayBuffer()).subarray(1, 4).toString('latin1'), 'PNG');
});

t.test('metrics pass promtool check metrics; a token closes them', async (t) => {
  const kiosk = await startTestKiosk(t);
  await fetch(`${kiosk.url}/api/requests`, { method: 'POST', headers: json, body: JSON.stringify({ service: 'billing-complaint', mobile: '9876543210', account: '1234567890', fields: { type: 'wrong-reading' } }) });
  const res = await fetch(`${kiosk.technician.url!}/metrics`);
  t.equal(res.status, 200);
  const text = await res.text();
  t.match(text, /ecorner_part_level\{part="printer"\} 0/);
  t.match(text, /ecorner_requests_total\{service="billing-complaint",outcome="accepted"\} 1/);
  t.notMatch(text, /9876543210|98xxxxxx10/, 'no mobile number');
  const dir = tempDir();
  const file = path.join(dir, 'metrics.txt');
  writeFileSync(file, text);
  const check = await new Promise<{ code: number; out: string }>((resolve) => {
    const child = execFile('sh', ['-c', `promtool check metrics < ${file}`], (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr }));
    child.stdin?.end();
  });
  t.equal(check.code, 0, check.out);

  const closed = await startTestKiosk(t, { modify: (c) => (c.technician.metricsToken = 'metrics-token-for-tests') });
  t.equal((await fetch(`${closed.technician.url!}/metrics`)).status, 401);
  t.equal((await fetch(`${closed.technician.url!}/metrics`, { headers: { authorization: 'Bearer metrics-token-for-tests' } })).status, 200);
});

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

t.test('a taken technician port does not stop the kiosk serving consumers', async (t) => {
  const first = await startTestKiosk(t);
  const port = Number(new URL(first.technician.url!).port);
  const second = await startTestKiosk(t, { modify: (c) => (c.technician.port = port) });
  t.equal(second.technician.url, null, 'no technician listener');
  t.match(second.ctx.health.get('technician'), { level: 'warning', state: 'listen-failed' });
  t.equal((await fetch(`${second.url}/api/services`)).status, 200, 'consumers are served');
  t.match(first.ctx.health.get('technician'), { level: 'ok', state: 'listening' });
});
