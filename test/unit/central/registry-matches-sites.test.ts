import t from 'tap';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { configDir } from '../../../config/load.js';

// Central's kiosk registry and the kiosks' own site files must agree, or
// supply complaints are counted under the wrong circle on the fleet page.
t.test('central registry matches config/sites', async (t) => {
  const registry = JSON.parse(readFileSync(path.join(configDir, '..', 'central', 'config', 'central.json'), 'utf8')) as { kiosks: Array<{ id: string; site: string; circle: string; substation: string }> };
  const sites = readdirSync(path.join(configDir, 'sites')).filter((f) => f.endsWith('.json') && f !== 'simulator.json');
  t.equal(registry.kiosks.length, sites.length);
  for (const f of sites) {
    const site = JSON.parse(readFileSync(path.join(configDir, 'sites', f), 'utf8')) as { kiosk: { id: string; siteCode: string; circle: string; substation: string } };
    const entry = registry.kiosks.find((k) => k.id === site.kiosk.id);
    t.same(entry && [entry.site, entry.circle, entry.substation], [site.kiosk.siteCode, site.kiosk.circle, site.kiosk.substation], f);
  }
});
