import t from 'tap';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, configDir, defaultsFile, loadKioskConfig, loadNetworkConfig, overlay, resolveTimeline } from '../../../config/load.js';
import { migrate, CURRENT_VERSION } from '../../../config/migrations.js';
import { buildCatalogue, timelineKeys } from '../../../controller/services/catalogue.js';
import { tempDir, writeTestConfig } from '../../helpers/config.js';

const keys = timelineKeys(buildCatalogue(loadNetworkConfig()));
const fixture = (name: string) => path.join(configDir, '..', 'test', 'fixtures', 'config', name);

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

t.test('a version 1 site file (a full copy with its own timelines) still loads, upgraded', async (t) => {
  const dir = tempDir();
  const v1 = JSON.parse(readFileSync(fixture('v1-simulator.json'), 'utf8')) as Record<string, any>;
  t.equal(v1.version, 1);
  t.equal(v1.timelines['transformer-failure'].source, 'Electricity (Rights of Consumers) Rules: transformer failure in urban Kanpur', 'the fixture carries the old, wrong source');
  v1.dataDir = dir;
  const file = path.join(dir, 'kiosk.json');
  writeFileSync(file, JSON.stringify(v1));
  const loaded = loadKioskConfig({ fallbackFile: file, env: {}, simulator: true, timelineKeys: keys });
  t.equal(loaded.config.version, CURRENT_VERSION);
  t.equal(loaded.config.kiosk.areaClass, 'metropolitan');
  t.equal(loaded.config.kiosk.id, 'KE-DLS-SIM', 'site values are kept');
  t.equal(loaded.config.devices.printer.type, 'virtual', 'the site\'s own devices are kept');
  t.match(loaded.config.timelines['transformer-failure']!.source, /Standards of Performance\) Regulations 2019, amended 2020/, 'the shared timelines replace the copy');
  t.same(loaded.migration?.from, 1);
  t.match(loaded.migration?.notes, [/timelines/, /areaClass/]);
});

t.test('migrate refuses what it cannot upgrade, and leaves its input alone', async (t) => {
  t.throws(() => migrate({ kiosk: {} }), /version: must be a whole number/);
  t.throws(() => migrate({ version: 99 }), /newer than this software/);
  const input = { version: 1, kiosk: { id: 'X' }, timelines: {} };
  const out = migrate(input);
  t.same(input, { version: 1, kiosk: { id: 'X' }, timelines: {} }, 'input unchanged');
  t.same(out.data, { version: 2, kiosk: { id: 'X', areaClass: 'metropolitan' } });
  t.same(migrate({ version: 2, kiosk: {} }).notes, [], 'current version: nothing to do');
  const dir = tempDir();
  const file = path.join(dir, 'future.json');
  writeFileSync(file, JSON.stringify({ version: 7 }));
  t.match(problemsOf(() => loadKioskConfig({ fallbackFile: file, env: {}, simulator: true, timelineKeys: keys })), [/version: 7 is newer/]);
});

t.test('site files hold only what differs from the shared defaults', async (t) => {
  for (const f of ['dabauli', 'dada-nagar', 'dehli-sujanpur', 'keshavpuram', 'phoolbagh', 'simulator']) {
    const site = JSON.parse(readFileSync(path.join(configDir, 'sites', `${f}.json`), 'utf8')) as Record<string, unknown>;
    t.notOk('timelines' in site, `${f}: no copy of the timelines`);
    t.notOk('payment' in site, `${f}: no copy of the payment block`);
  }
  const hw = JSON.parse(readFileSync(path.join(configDir, 'sites', 'dabauli.json'), 'utf8')) as Record<string, unknown>;
  t.notOk('devices' in hw, 'a hardware site uses the default device paths');
});

t.test('overlay: a device of another type replaces the default; same type merges', async (t) => {
  const base = { devices: { printer: { type: 'usb', path: '/dev/ecorner-printer', paperWidthMm: 80 } }, a: 1 };
  t.same(overlay(base, { devices: { printer: { type: 'virtual', port: 0 } } }), { devices: { printer: { type: 'virtual', port: 0 } }, a: 1 });
  t.same(overlay(base, { devices: { printer: { type: 'usb', paperWidthMm: 58 } } }), { devices: { printer: { type: 'usb', path: '/dev/ecorner-printer', paperWidthMm: 58 } }, a: 1 });
  t.same(base.devices.printer.paperWidthMm, 80, 'defaults untouched');
});

t.test('new-connection due times follow the site\'s area class, counted from a complete application', async (t) => {
  const expected = { metropolitan: [72, '3 days'], 'other-municipal': [168, '7 days'], rural: [360, '15 days'] } as const;
  for (const [area, [hours, words]] of Object.entries(expected)) {
    const dir = tempDir();
    const file = writeTestConfig(dir, (c) => (c.kiosk.areaClass = area));
    const { config } = loadKioskConfig({ fallbackFile: file, env: {}, simulator: true, timelineKeys: keys });
    const nc = config.timelines['new-connection']!;
    t.equal(nc.hours, hours, area);
    t.equal(nc.countsFrom, 'complete-application');
    t.match(nc.rule.en, new RegExp(`within ${words} after the application is complete`));
    t.match(nc.source, /Amendment Rules 2024/);
  }
  t.same(resolveTimeline({ hours: 6, countsFrom: 'submission', rule: { en: '{hours} h', hi: '{hours} घंटे' }, source: 's', confirmed: true, compensation: null }, 'rural').rule, { en: '6 h', hi: '6 घंटे' });
});

t.test('every shared timeline names its source and says whether its numbers are confirmed', async (t) => {
  const defaults = JSON.parse(readFileSync(defaultsFile, 'utf8')) as { timelines: Record<string, any> };
  for (const [key, tl] of Object.entries(defaults.timelines)) {
    t.match(tl.source, /\S/, `${key}: source`);
    t.type(tl.confirmed, 'boolean', `${key}: confirmed flag`);
    t.ok('compensation' in tl, `${key}: compensation stated (null when none is known)`);
    if (tl.compensation) {
      t.equal(tl.compensation.currency, 'INR');
      t.match(tl.compensation.source, /\S/, `${key}: compensation source`);
      t.type(tl.compensation.confirmed, 'boolean');
    }
  }
  t.equal(defaults.timelines['transformer-failure'].hours, 6);
  t.match(defaults.timelines['transformer-failure'].source, /Standards of Performance\) Regulations 2019, amended 2020/, 'the 6 h comes from the SoP Regulations, not the Rights of Consumers Rules');
  t.same(defaults.timelines['wrong-meter-reading'].compensation.perDay, 200);

  const dir = tempDir();
  const broken = structuredClone(defaults);
  delete broken.timelines['transformer-failure'].source;
  const brokenDefaults = path.join(dir, 'defaults.json');
  writeFileSync(brokenDefaults, JSON.stringify(broken));
  const file = writeTestConfig(dir);
  t.match(problemsOf(() => loadKioskConfig({ fallbackFile: file, env: {}, simulator: true, defaultsFile: brokenDefaults, timelineKeys: keys })), [/^timelines\.transformer-failure\.source: missing/], 'a timeline without a source is refused');
  delete broken.timelines['transformer-failure'];
  writeFileSync(brokenDefaults, JSON.stringify(broken));
  t.match(problemsOf(() => loadKioskConfig({ fallbackFile: file, env: {}, simulator: true, defaultsFile: brokenDefaults, timelineKeys: keys })), [/^timelines\.transformer-failure: missing/]);
});

t.test('the README\'s Due times table lists every shared timeline, with what still needs confirming', async (t) => {
  const readme = readFileSync(path.join(configDir, '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Due times'), readme.indexOf('\n## ', readme.indexOf('## Due times') + 3));
  const defaults = JSON.parse(readFileSync(defaultsFile, 'utf8')) as { timelines: Record<string, { confirmed: boolean; compensation: { perDay: number; confirmed: boolean } | null }> };
  for (const [key, tl] of Object.entries(defaults.timelines)) {
    const row = section.split('\n').find((l) => l.startsWith(`| \`${key}\` |`));
    t.ok(row, `${key} listed`);
    if (!row) continue;
    const cells = row.split('|').map((c) => c.trim());
    t.equal(cells[5], tl.confirmed ? 'confirmed' : '**to confirm**', `${key}: time limit marked`);
    t.equal(cells[6], tl.compensation ? `₹${tl.compensation.perDay}/day (${tl.compensation.confirmed ? 'confirmed' : '**to confirm**'})` : '—', `${key}: compensation`);
  }
});
