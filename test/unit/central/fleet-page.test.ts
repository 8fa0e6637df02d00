import { readFileSync } from 'node:fs';
import t from 'tap';
import type { NetworkConfig } from '../../../config/schema.js';
import type { KioskView } from '../../../central/fleet/monitor.js';
import { formatAge, renderFleetPage } from '../../../central/page/fleet-page.js';

const network = JSON.parse(readFileSync('test/fixtures/central/network.json', 'utf8')) as NetworkConfig;
const now = new Date('2025-11-26T06:00:00Z');

function view(over: Partial<KioskView>): KioskView & { history: any[] } {
  return {
    id: 'KE-DLS-01', site: 'DLS', name: 'Dehli Sujanpur', circle: 'circle-3', substation: 'dehli-sujanpur', state: 'up', stateSince: '2025-11-26T05:00:00Z',
    lastSeenAt: '2025-11-26T05:59:48Z', lastSeenAgeSeconds: 12, periodSeconds: 60, graceSeconds: 120, maintenanceUntil: null, version: '0.1.0',
    healthLevel: 'ok', faults: [], paper: 'ok', outbox: { depth: 0, oldestAgeSeconds: null, failures: 0 }, system: null, clockSkewSeconds: 0,
    transitions: [], recentChanges: [], selfTests: [], cannotServe: false, history: Array(48).fill('up'), ...over,
  } as KioskView & { history: any[] };
}

t.test('cards, states, faults, chart', async (t) => {
  const html = renderFleetPage({
    now,
    kiosks: [
      view({}),
      view({ id: 'KE-PHB-01', name: 'Phoolbagh <b>', state: 'down', faults: [{ part: 'printer', level: 'fault', state: 'paper-end', detail: 'paper out since 05:10' }], outbox: { depth: 37, oldestAgeSeconds: 5400, failures: 12 } }),
    ],
    network,
    networkError: null,
    liveByCircle: new Map([['circle-3', 5]]),
    liveBySubstation: new Map([['dehli-sujanpur', 3]]),
    liveByKiosk: new Map([['KE-DLS-01', 5]]),
    guardAssistedByKiosk: new Map([['KE-DLS-01', 2]]),
    ticketsTotal: 5,
  });
  t.ok(html.indexOf('KE-PHB-01') < html.indexOf('KE-DLS-01'), 'down kiosks come first');
  t.match(html, /Phoolbagh &lt;b&gt;/, 'names are escaped');
  t.match(html, /paper-end/);
  t.match(html, /oldest 1 h 30 min/);
  for (const n of ['13,264', '13,506', '20,665', '14,299']) t.match(html, n, `helpline count ${n}`);
  t.match(html, /Dehli Sujanpur \(3\)/, 'live count per substation');
  t.equal((html.match(/<rect /g) ?? []).length, 2 * 48 + 8, 'two strips and 4×2 bars');
  t.notMatch(html, /\d{10}/, 'no 10-digit numbers (mobiles, accounts) on the page');
  const card = (id: string) => html.slice(html.indexOf(`${id} · site`), html.indexOf('</article>', html.indexOf(`${id} · site`)));
  t.match(card('KE-DLS-01'), /<dt>Guard helped<\/dt><dd class="guard-assisted">2<\/dd>/, 'requests a guard helped with, per kiosk');
  t.match(card('KE-PHB-01'), /<dd class="guard-assisted">0<\/dd>/);
});

t.test('up with a device in fault is not plain "Up"; self-tests and the cannot-serve count show', async (t) => {
  const html = renderFleetPage({
    now,
    kiosks: [
      view({ healthLevel: 'fault', cannotServe: true, faults: [{ part: 'printer', level: 'fault', state: 'paper-end' }], selfTests: [{ name: 'printer-test-page', ok: false, at: '2025-11-26T05:30:00Z', detail: 'HTTP 409 printer-not-ready' }] }),
      view({ id: 'KE-DAB-01', name: 'Dabauli', selfTests: [{ name: 'leds-cycle', ok: true, at: '2025-11-26T05:40:00Z' }] }),
    ],
    network,
    networkError: null,
    liveByCircle: new Map(),
    liveBySubstation: new Map(),
    liveByKiosk: new Map(),
    ticketsTotal: 0,
  });
  t.match(html, /Up · fault/);
  t.equal((html.match(/Up · fault/g) ?? []).length, 1, 'only the kiosk in fault');
  t.match(html, /<b data-testid="cannot-serve">1<\/b> cannot serve consumers/);
  t.match(html, /<b>printer-test-page<\/b> FAILED/);
  t.match(html, /<b>leds-cycle<\/b> passed/);
});

t.test('missing network data is said, not hidden', async (t) => {
  const html = renderFleetPage({ now, kiosks: [], network: null, networkError: 'config/network.json: ENOENT', liveByCircle: new Map(), liveBySubstation: new Map(), liveByKiosk: new Map(), ticketsTotal: 0 });
  t.match(html, /Network data not loaded: config\/network.json: ENOENT/);
});

t.test('ages', async (t) => {
  t.equal(formatAge(12), '12 s');
  t.equal(formatAge(600), '10 min');
  t.equal(formatAge(3 * 3600 + 300), '3 h 5 min');
  t.equal(formatAge(3 * 86400), '3 d');
});
