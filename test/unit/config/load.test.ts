import t from 'tap';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, configDir, loadKioskConfig, loadNetworkConfig } from '../../../config/load.js';
import { buildCatalogue, timelineKeys } from '../../../controller/services/catalogue.js';
import { newSecret } from '../../../protocol/secrets.js';
import { tempDir, writeTestConfig } from '../../helpers/config.js';

const keys = timelineKeys(buildCatalogue(loadNetworkConfig()));

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

t.test('the network lists the four circles and their substations as the report does', async (t) => {
  const network = loadNetworkConfig();
  t.same(network.circles.map((c) => [c.id, c.substations.length, c.helplineComplaints?.count]), [
    ['circle-1', 5, 13264],
    ['circle-2', 6, 13506],
    ['circle-3', 5, 20665],
    ['circle-4', 4, 14299],
  ]);
  t.same(network.circles[2]!.substations.map((s) => s.name.hi), ['देहली सुजानपुर', 'हंसपुरम', 'हैरिसगंज', 'जाजमऊ', 'नौबस्ता']);
});

t.test('every shipped site file is valid; the five help desks of the report are there', async (t) => {
  const dir = path.join(configDir, 'sites');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  t.same(files.sort(), ['dabauli.json', 'dada-nagar.json', 'dehli-sujanpur.json', 'keshavpuram.json', 'phoolbagh.json', 'simulator.json']);
  const codes = new Set<string>();
  for (const f of files) {
    const site = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Record<string, any>;
    // Real sites read the secret from a root-only file this machine lacks.
    const real = String(site.central.kioskSecret).startsWith('file:');
    if (real) site.central.kioskSecret = newSecret();
    const copy = path.join(tempDir(), f);
    writeFileSync(copy, JSON.stringify(site));
    const { config } = loadKioskConfig({ fallbackFile: copy, env: {}, timelineKeys: keys, simulator: !real });
    t.match(config.kiosk.name.hi, /[\u0900-\u097F]/, `${f}: Hindi name`);
    if (f !== 'simulator.json') codes.add(config.kiosk.siteCode);
  }
  t.equal(codes.size, 5, 'each help desk has its own site code');
});

t.test('defaults fill in; the API binds to loopback unless config says otherwise', async (t) => {
  const dir = tempDir();
  const file = writeTestConfig(dir, (c) => {
    delete c.http;
    delete c.devices.printer.paperWidthMm;
  });
  const { config } = loadKioskConfig({ fallbackFile: file, env: {}, timelineKeys: keys, simulator: true });
  t.equal(config.http.host, '127.0.0.1');
  t.equal(config.http.port, 8080);
  t.equal(config.devices.printer.paperWidthMm, 58);
  t.equal(config.store.pruneSyncedAfterDays, 14);
});

t.test('ECORNER_CONFIG, ECORNER_PORT and ECORNER_DATA_DIR override', async (t) => {
  const dir = tempDir();
  const file = writeTestConfig(dir);
  const { config, file: used } = loadKioskConfig({ fallbackFile: '/nonexistent.json', env: { ECORNER_CONFIG: file, ECORNER_PORT: '9999', ECORNER_DATA_DIR: '/tmp/x' }, timelineKeys: keys, simulator: true });
  t.equal(used, file);
  t.equal(config.http.port, 9999);
  t.equal(config.dataDir, '/tmp/x');
  t.match(problemsOf(() => loadKioskConfig({ fallbackFile: file, env: { ECORNER_PORT: 'eighty' }, timelineKeys: keys, simulator: true })), [/ECORNER_PORT/]);
});

t.test('ECORNER_CENTRAL_PORT and ECORNER_PRINTER_PORT move the simulator\'s central and virtual printer (0 = any free port)', async (t) => {
  const file = writeTestConfig(tempDir());
  const { config } = loadKioskConfig({ fallbackFile: file, env: { ECORNER_CENTRAL_PORT: '0', ECORNER_PRINTER_PORT: '0' }, timelineKeys: keys, simulator: true });
  t.equal(config.simulator?.centralPort, 0);
  t.match(config.devices.printer, { type: 'virtual', port: 0 });
  const other = loadKioskConfig({ fallbackFile: file, env: { ECORNER_CENTRAL_PORT: '18090', ECORNER_PRINTER_PORT: '19100' }, timelineKeys: keys, simulator: true }).config;
  t.equal(other.simulator?.centralPort, 18090);
  t.match(other.devices.printer, { port: 19100 });
  t.match(problemsOf(() => loadKioskConfig({ fallbackFile: file, env: { ECORNER_PRINTER_PORT: '70000' }, timelineKeys: keys, simulator: true })), [/ECORNER_PRINTER_PORT: must be a port number/]);
  t.match(problemsOf(() => loadKioskConfig({ fallbackFile: file, env: { ECORNER_CENTRAL_PORT: 'x' }, timelineKeys: keys, simulator: true })), [/ECORNER_CENTRAL_PORT/]);
});

t.test('outside simulator mode central.kioskSecret must be a real secret, in place or from a file', async (t) => {
  const dir = tempDir();
  const good = newSecret();
  writeFileSync(path.join(dir, 'good.secret'), `${good}\n`);
  writeFileSync(path.join(dir, 'weak.secret'), 'dev-kiosk-secret-change-me\n');
  const cases: Array<[string, string, RegExp | null]> = [
    ['the simulator\'s own', 'simulator-secret-not-for-production', /^central\.kioskSecret contains the placeholder word "secret"/],
    ['placeholder change-me', 'Zq8mL3vR7xT2nB9cW4yP6sD1fG5hJ0-change-me', /placeholder word "change-me"/],
    ['placeholder example', 'example-Zq8mL3vR7xT2nB9cW4yP6sD1fG5h', /placeholder word "example"/],
    ['short', 'Zq8mL3vR7xT2nB9cW4yP6', /^central\.kioskSecret is 21 characters; at least 32/],
    ['weak file', `file:${path.join(dir, 'weak.secret')}`, /^central\.kioskSecret \(.*weak\.secret\) contains the placeholder word/],
    ['good file', `file:${path.join(dir, 'good.secret')}`, null],
    ['good in place', good, null],
  ];
  for (const [name, secret, expected] of cases) {
    const file = writeTestConfig(tempDir(), (c) => (c.central.kioskSecret = secret));
    const problems = problemsOf(() => loadKioskConfig({ fallbackFile: file, env: {}, timelineKeys: keys }));
    if (expected) t.match(problems, [expected], `${name}: refused, naming the field`);
    else t.same(problems, [], `${name}: accepted`);
    if (expected) t.same(problemsOf(() => loadKioskConfig({ fallbackFile: file, env: {}, timelineKeys: keys, simulator: true })), [], `${name}: accepted in simulator mode`);
  }
  const file = writeTestConfig(tempDir(), (c) => (c.central.kioskSecret = `file:${path.join(dir, 'good.secret')}`));
  t.equal(loadKioskConfig({ fallbackFile: file, env: {}, timelineKeys: keys }).config.central.kioskSecret, good, 'the file\'s secret, trimmed');
});

t.test('bad configs name the file and the field', async (t) => {
  const cases: Array<[string, (c: Record<string, any>) => void, RegExp]> = [
    ['missing field', (c) => delete c.kiosk.id, /^kiosk\.id: missing/],
    ['wrong type', (c) => (c.http.port = 'eighty'), /^http\.port: must be integer/],
    ['out of range', (c) => (c.http.port = 70000), /^http\.port: must be <= 65535/],
    ['unknown key', (c) => (c.kiosk.colour = 'red'), /^kiosk\.colour: unknown key/],
    ['unknown device key', (c) => (c.devices.printer.speed = 5), /^devices\.printer\.speed: unknown key/],
    ['unknown device type', (c) => (c.devices.printer.type = 'laser'), /^devices\.printer\.type: must be one of virtual, tcp, serial, usb/],
    ['missing branch field', (c) => (c.devices.scanner = { type: 'hid-pos', productId: 1 }), /^devices\.scanner\.vendorId: missing/],
    ['unknown circle', (c) => (c.kiosk.circle = 'circle-9'), /^kiosk\.circle: "circle-9" is not a circle/],
    ['timeline without a source', (c) => (c.timelines = { 'meter-complaint': { source: ' ' }, 'street-light': { hours: 24, rule: { en: 'x', hi: 'x' }, confirmed: false, compensation: null } }), /^timelines\.meter-complaint\.source: must match pattern|^timelines\.street-light\.source: missing/],
    ['timeline without confirmation mark', (c) => (c.timelines = { 'street-light': { hours: 24, rule: { en: 'x', hi: 'x' }, source: 'x', compensation: null } }), /^timelines\.street-light\.confirmed: missing/],
    ['area class unknown', (c) => (c.kiosk.areaClass = 'suburban'), /^kiosk\.areaClass/],
    ['empty secret', (c) => (c.central.kioskSecret = ''), /^central\.kioskSecret: must NOT have fewer than 1 characters/],
    ['unreadable secret file', (c) => (c.central.kioskSecret = 'file:/nonexistent/secret'), /^central\.kioskSecret: cannot read \/nonexistent\/secret/],
  ];
  for (const [name, modify, expected] of cases) {
    const dir = tempDir();
    const file = writeTestConfig(dir, modify);
    let error: unknown;
    try {
      loadKioskConfig({ fallbackFile: file, env: {}, timelineKeys: keys, simulator: true });
    } catch (err) {
      error = err;
    }
    t.ok(error instanceof ConfigError, name);
    if (error instanceof ConfigError) {
      t.equal(error.file, file, `${name}: names the file`);
      t.match(error.problems[0], expected, `${name}: ${error.problems.join(' | ')}`);
      t.match(error.message, file);
    }
  }
});

t.test('a file that is not JSON is reported as such', async (t) => {
  const dir = tempDir();
  const file = path.join(dir, 'broken.json');
  writeFileSync(file, '{"version": 1,');
  t.match(problemsOf(() => loadKioskConfig({ fallbackFile: file, env: {}, timelineKeys: keys, simulator: true })), [/not valid JSON/]);
});

t.test('config/kiosk.schema.json is the TypeBox schema (run npm run config:schema after changing it)', async (t) => {
  const { jsonSchemaFile, kioskJsonSchema } = await import('../../../config/write-json-schema.js');
  t.equal(readFileSync(jsonSchemaFile, 'utf8'), kioskJsonSchema());
});
