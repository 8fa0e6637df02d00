// Maintenance survives a restart and shows on the LEDs; a device fault
// reaches central's card within seconds ("Up · fault"), and the fleet summary
// counts the kiosk as unable to serve.
import t from 'tap';
import { pino } from 'pino';
import { startKiosk } from '../../../controller/kiosk.js';
import { loadTestConfig, tempDir } from '../../helpers/config.js';
import { startTestKiosk } from '../../helpers/kiosk.js';
import { launch, openKiosk, shot } from '../ui/fixtures/browser.js';

const json = { 'content-type': 'application/json' };

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function session(base: string): Promise<Record<string, string>> {
  const res = await fetch(`${base}/api/technician/login`, { method: 'POST', headers: { ...json, origin: base }, body: '{"pin":"246810"}' });
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, origin: base, ...json };
}

const MAINTENANCE = { green: false, amber: true, red: false };

t.test('maintenance is kept across a restart and lit on the LEDs', async (t) => {
  const dataDir = tempDir();
  const first = await startKiosk(loadTestConfig(dataDir), { simulator: true, log: pino({ level: 'silent' }) });
  const until = new Date(Date.now() + 30 * 60_000).toISOString();
  const set = await fetch(`${first.technician.url!}/api/technician/maintenance`, { method: 'POST', headers: await session(first.technician.url!), body: JSON.stringify({ until }) });
  t.equal(set.status, 200);
  await waitFor(async () => JSON.stringify((await (await fetch(`${first.url}/api/sim/leds`)).json() as { lit: unknown }).lit) === JSON.stringify(MAINTENANCE));
  t.pass('maintenance pattern lit');
  await first.stop();

  const again = await startTestKiosk(t, { dataDir });
  t.equal(again.records.maintenanceUntil()?.toISOString(), new Date(until).toISOString(), 'read back from disk');
  await waitFor(async () => JSON.stringify((await (await fetch(`${again.url}/api/sim/leds`)).json() as { lit: unknown }).lit) === JSON.stringify(MAINTENANCE));
  t.pass('maintenance pattern after the restart');
  await waitFor(async () => {
    const kiosks = (await (await fetch(`${again.central!.url}/api/v1/kiosks`)).json()) as Array<{ id: string; state: string }> | { kiosks: Array<{ id: string; state: string }> };
    const list = Array.isArray(kiosks) ? kiosks : kiosks.kiosks;
    return list.find((k) => k.id === 'KE-DLS-SIM')?.state === 'maintenance';
  });
  t.pass('central was told again after the restart');

  // The kiosk's own screen says so, bilingual, with the technician page's port.
  const browser = await launch(t);
  const screen = await openKiosk(browser, again.url);
  await screen.waitForSelector('[data-testid="maintenance-strip"]:not([hidden])');
  t.match(await screen.textContent('[data-testid="maintenance-strip"]'), new RegExp(`रखरखाव.*Maintenance.*port ${new URL(again.technician.url!).port}`));
  await shot(screen, 'consumer-maintenance-strip');

  const end = await fetch(`${again.technician.url!}/api/technician/maintenance`, { method: 'POST', headers: await session(again.technician.url!), body: JSON.stringify({ until: null }) });
  t.equal(end.status, 200);
  t.equal(again.records.maintenanceUntil(), null);
  await waitFor(async () => {
    const { lit } = (await (await fetch(`${again.url}/api/sim/leds`)).json()) as { lit: { green: boolean; red: boolean } };
    return lit.green || lit.red; // the maintenance pattern has both off
  });
  t.pass('health pattern again');
});

t.test('paper out reaches central within seconds: "Up · fault", counted as unable to serve', async (t) => {
  const kiosk = await startTestKiosk(t); // heartbeat period 60 s
  const central = kiosk.central!.url;
  const view = async () => {
    const kiosks = (await (await fetch(`${central}/api/v1/kiosks`)).json()) as Array<{ id: string; state: string; healthLevel: string | null }> | { kiosks: Array<{ id: string; state: string; healthLevel: string | null }> };
    return (Array.isArray(kiosks) ? kiosks : kiosks.kiosks).find((k) => k.id === 'KE-DLS-SIM');
  };
  await waitFor(async () => (await view())?.state === 'up');
  await fetch(`${kiosk.url}/api/sim/printer`, { method: 'POST', headers: json, body: JSON.stringify({ paper: 'out' }) });
  const changedAt = Date.now();
  await waitFor(async () => (await view())?.healthLevel === 'fault', 10_000);
  const seconds = (Date.now() - changedAt) / 1000;
  t.ok(seconds < 10, `central knew after ${seconds.toFixed(1)} s (period 60 s)`);
  const page = await (await fetch(`${central}/`)).text();
  t.match(page, /Up · fault/);
  t.match(page, /<b data-testid="cannot-serve">1<\/b> cannot serve consumers/);
});
