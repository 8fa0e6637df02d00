// The kiosk as a device runs it: `npm run build` into a temp dir, then
// `node <out>/controller/main.js`. It must answer /api/health, serve the
// prebuilt (hashed) UI, run no tsx or esbuild, and outside simulator mode
// load none of the simulator's central.
import { randomBytes } from 'node:crypto';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import t, { type Test } from 'tap';
import { repoRoot } from '../../helpers/process.js';
import { tempDir, writeTestConfig } from '../../helpers/config.js';
import { hashPin } from '../../../controller/technician/pin.js';

const out = tempDir('ecorner-build-');
// Built JS resolves its packages the way /opt/ecorner does: a node_modules beside it.
symlinkSync(path.join(repoRoot, 'node_modules'), path.join(out, 'node_modules'));
const buildLog = execFileSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'scripts', 'build.ts'), '--out', out], {
  cwd: repoRoot,
  encoding: 'utf8',
});
const recorder = path.join(repoRoot, 'test', 'fixtures', 'build', 'record-modules.mjs');

interface Started {
  child: ChildProcess;
  url: string;
  modules: () => string[];
  /** what the kiosk has logged so far */
  output: () => string;
}

async function startBuilt(t: Test, args: string[], modify?: (c: Record<string, any>) => void): Promise<Started> {
  const dir = tempDir();
  const config = writeTestConfig(dir, modify);
  const moduleLog = path.join(dir, 'modules.log');
  const child = spawn(process.execPath, ['--import', recorder, path.join(out, 'controller', 'main.js'), '--config', config, ...args], {
    cwd: out,
    env: { ...process.env, ECORNER_LOG_LEVEL: 'info', ECORNER_MODULE_LOG: moduleLog, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.teardown(() => {
    child.kill('SIGTERM');
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      for (const line of output.split('\n')) {
        if (!line.includes('"kiosk controller listening"')) continue;
        const m = /"url":"(http:\/\/[^"]+)"/.exec(line);
        if (m?.[1]) return resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`built kiosk exited with ${code}:\n${output}`)));
  });
  return { child, url, output: () => output, modules: () => (existsSync(moduleLog) ? readFileSync(moduleLog, 'utf8').split('\n').filter(Boolean) : []) };
}

/** Command lines of a process and all its descendants (from /proc). */
function processTree(pid: number): string[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const lines: string[] = [];
  const visit = (p: number) => {
    try {
      lines.push(readFileSync(`/proc/${p}/cmdline`, 'utf8').replaceAll('\0', ' ').trim());
    } catch {
      return;
    }
    for (const c of children.get(p) ?? []) visit(c);
  };
  visit(pid);
  return lines;
}

t.test('the build prints bundle sizes and writes hashed bundles', async (t) => {
  t.match(buildLog, /ui\/consumer-[0-9a-f]{10}\.js\s+[\d.]+ KiB/);
  const manifest = JSON.parse(readFileSync(path.join(out, 'ui', 'manifest.json'), 'utf8')) as { files: Record<string, string> };
  t.same(Object.keys(manifest.files).sort(), ['consumer.css', 'consumer.js', 'technician.css', 'technician.js']);
  t.ok(existsSync(path.join(out, 'config', 'network.json')), 'config JSON copied');
  t.notOk(existsSync(path.join(out, 'test')), 'no tests in the build');
});

t.test('built kiosk in simulator mode: health, prebuilt UI, no tsx or esbuild', async (t) => {
  const kiosk = await startBuilt(t, ['--sim']);
  const health = await fetch(`${kiosk.url}/api/health`);
  t.equal(health.status, 200);
  const body = (await health.json()) as { parts: Record<string, { state: string; detail?: string }> };
  // part `ui` follows the browser's check-ins once built; the build itself is in the log
  t.not(body.parts.ui?.state, 'build-failed');
  t.match(kiosk.output(), /"event":"ui-build-complete"[^\n]*"prebuilt":true/, 'the prebuilt UI was loaded, not bundled');

  const page = await (await fetch(`${kiosk.url}/`)).text();
  const js = /\/ui\/(consumer-[0-9a-f]{10}\.js)/.exec(page)?.[1];
  t.ok(js, 'the page links the hashed bundle');
  const bundle = await fetch(`${kiosk.url}/ui/${js}`);
  t.equal(bundle.status, 200);
  t.match(bundle.headers.get('cache-control'), /immutable/);

  const tree = processTree(kiosk.child.pid!);
  t.match(tree[0], /controller\/main\.js/, 'the tree starts at the kiosk');
  t.same(
    tree.filter((cmd) => /\btsx\b|esbuild/.test(cmd)),
    [],
    'no tsx or esbuild process',
  );
  const loaded = kiosk.modules();
  t.ok(
    loaded.some((u) => u.includes('/controller/main.js')),
    'the recorder saw the kiosk load',
  );
  t.same(
    loaded.filter((u) => /\/(tsx|esbuild|typescript)\//.test(u)),
    [],
    'no tsx, esbuild or typescript module loaded',
  );
  t.ok(
    loaded.some((u) => u.endsWith('/central/simulator.js')),
    'simulator mode does load the local central',
  );
});

t.test('built kiosk in hardware mode with virtual devices loads no simulator code', async (t) => {
  const pinHash = await hashPin('482913', { N: 1 << 14, r: 8, p: 1 });
  const kiosk = await startBuilt(t, [], (c) => {
    c.central.kioskSecret = randomBytes(24).toString('hex'); // outside simulator mode only a real-looking secret is accepted
    c.technician = { ...c.technician, pinHash }; // and a real PIN hash
  });
  t.equal((await fetch(`${kiosk.url}/api/health`)).status, 200);
  const loaded = kiosk.modules();
  const simulatorOnly = loaded.filter((u) => /\/central\/(simulator|server)\.js$|\/routes\/sim\/|\/better-sqlite3\//.test(u));
  t.same(simulatorOnly, [], "no simulator central, central server, simulator route or better-sqlite3 (prom-client is the kiosk's own /metrics now)");
  t.equal(
    (await fetch(`${kiosk.url}/api/sim/scan`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"data":"1234567890"}' })).status,
    404,
    'no simulator route',
  );
});
