// The Debian packages as CI builds them (npm run build, then
// packaging/build-deb.sh), installed into a throw-away root
// (packaging/fake-root.sh: maintainer scripts run chrooted, no systemd
// running, as in an image build). Needs root, as dpkg --root does.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, lstatSync, openSync, readFileSync, readSync, closeSync, readdirSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { repoRoot } from '../../helpers/process.js';
import { tempDir, writeTestConfig } from '../../helpers/config.js';

t.setTimeout(900_000);
const work = tempDir('ecorner-deb-');
const dist = path.join(work, 'dist');
const fakeRootSh = path.join(repoRoot, 'packaging', 'fake-root.sh');
const sh = (cmd: string, args: string[], env: Record<string, string> = {}) =>
  execFileSync(cmd, args, { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });

execFileSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'scripts', 'build.ts'), '--out', dist], { cwd: repoRoot, stdio: 'ignore' });
const buildDeb = (arch: string) =>
  sh('bash', [path.join(repoRoot, 'packaging', 'build-deb.sh'), arch, work], { ECORNER_DIST: dist, ECORNER_DEB_COMPRESSION: 'none' })
    .trim()
    .split('\n')
    .pop()!;
const debs = { amd64: buildDeb('amd64'), arm64: buildDeb('arm64') };

/** ELF e_machine: 0x3e x86-64, 0xb7 AArch64. */
function elfMachine(file: string): number {
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(20);
  readSync(fd, head, 0, 20, 0);
  closeSync(fd);
  if (head.toString('latin1', 1, 4) !== 'ELF') throw new Error(`${file} is not an ELF file`);
  return head.readUInt16LE(18);
}

function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(suffix))
    .map((e) => path.join(e.parentPath, e.name));
}

t.test('packages are named ecorner_<version>_<arch>.deb and declare their architecture', async (t) => {
  const version = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
  for (const [arch, deb] of Object.entries(debs)) {
    t.equal(path.basename(deb), `ecorner_${version}_${arch}.deb`);
    t.equal(sh('dpkg-deb', ['-f', deb, 'Architecture']).trim(), arch);
  }
});

t.test('the arm64 package carries arm64 Node and arm64 native addons, and no central', async (t) => {
  const x = path.join(work, 'x-arm64');
  sh('dpkg-deb', ['-x', debs.arm64, x]);
  const opt = path.join(x, 'opt', 'ecorner');
  t.equal(elfMachine(path.join(opt, 'node', 'bin', 'node')), 0xb7, 'node is AArch64');
  const addons = filesUnder(path.join(opt, 'node_modules'), '.node');
  for (const pkg of ['node-hid', '@serialport/bindings-cpp', '@napi-rs/canvas-linux-arm64-gnu']) {
    t.ok(
      addons.some((a) => a.includes(`/node_modules/${pkg}/`)),
      `${pkg} has its native addon`,
    );
  }
  t.same(
    addons.filter((a) => elfMachine(a) !== 0xb7).map((a) => path.relative(opt, a)),
    [],
    'every addon is AArch64',
  );
  t.notOk(existsSync(path.join(opt, 'node_modules', 'better-sqlite3')), 'no SQLite addon (central is not on the Pi)');
  t.notOk(existsSync(path.join(x, 'lib', 'systemd', 'system', 'ecorner-central.service')), 'no central unit');
  for (const dev of ['tsx', 'esbuild', 'typescript', 'tap']) t.notOk(existsSync(path.join(opt, 'node_modules', dev)), `no ${dev}`);
});

// One throw-away root through install, reinstall, upgrade and purge.
const fake = path.join(work, 'fake');
const root = path.join(fake, 'root');
sh('bash', [fakeRootSh, 'init', fake, 'passwd', 'init-system-helpers', 'libusb-1.0-0', 'udev']);
const inRoot = (...args: string[]) => sh('bash', [fakeRootSh, 'run', fake, ...args]);
const dpkg = (...args: string[]) => inRoot('dpkg', `--root=${root}`, '--force-unsafe-io', ...args);
const r = (p: string) => path.join(root, p);
/** Whether a path exists in the root as its programs see it (/lib is the overlay, only mounted inside). */
const has = (p: string) => {
  try {
    inRoot('test', '-e', r(p));
    return true;
  } catch {
    return false;
  }
};
/** Whether a link exists (enabled units point at /lib/systemd/system/… of the root, not of the host). */
const hasLink = (p: string) => {
  try {
    return lstatSync(r(p)).isSymbolicLink();
  } catch {
    return false;
  }
};

function entry(file: string, name: string): string[] | undefined {
  return readFileSync(r(file), 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`))
    ?.split(':');
}

/** Everything the maintainer scripts own, as text: users, groups, modes and owners, enabled units, config. */
function snapshot(): string {
  const lines: string[] = [];
  for (const f of ['etc/passwd', 'etc/group', 'etc/shadow', 'etc/gshadow'])
    lines.push(
      ...readFileSync(r(f), 'utf8')
        .split('\n')
        .filter((l) => /ecorner|kiosk/.test(l))
        .map((l) => `${f}: ${l}`),
    );
  for (const d of ['etc/ecorner', 'var/lib/ecorner', 'var/lib/ecorner-kiosk', 'etc/systemd/system', 'var/lib/systemd']) {
    if (!existsSync(r(d))) continue;
    for (const e of readdirSync(r(d), { recursive: true }).map(String).sort()) {
      const p = path.join(r(d), e);
      const s = lstatSync(p);
      lines.push(
        `${d}/${e} ${s.mode.toString(8)} ${s.uid}:${s.gid} ${s.isSymbolicLink() ? readlinkSync(p) : s.isFile() ? readFileSync(p, 'utf8').length : ''}`,
      );
    }
  }
  return lines.join('\n');
}

t.test('amd64 package in a throw-away root', async (t) => {
  t.test('install: files, users, state, enabled units, conffiles', async (t) => {
    dpkg('-i', debs.amd64);
    t.match(inRoot('dpkg-query', `--admindir=${r('var/lib/dpkg')}`, '-W', '-f', '${Status} ${Version}', 'ecorner'), /^install ok installed /);
    for (const f of [
      'opt/ecorner/controller/main.js',
      'opt/ecorner/central/main.js',
      'opt/ecorner/ui/manifest.json',
      'opt/ecorner/node/bin/node',
      'opt/ecorner/node_modules/fastify/package.json',
      'opt/ecorner/systemd/kiosk-browser.sh',
      'lib/udev/rules.d/99-ecorner.rules',
    ]) {
      t.ok(has(f), f);
    }
    for (const u of ['ecorner-controller', 'ecorner-browser', 'ecorner-central']) t.ok(has(`lib/systemd/system/${u}.service`), `${u}.service`);

    const user = entry('etc/passwd', 'ecorner');
    t.ok(user, 'user ecorner');
    t.equal(user?.[6], '/usr/sbin/nologin');
    t.ok(entry('etc/passwd', 'kiosk'), 'user kiosk');
    for (const g of ['ecorner', 'gpio', 'dialout', 'plugdev']) t.ok(entry('etc/group', g), `group ${g}`);
    t.match(entry('etc/group', 'video')?.[3], /kiosk/, 'kiosk may use the display');

    const state = statSync(r('var/lib/ecorner'));
    t.equal(state.uid, Number(user?.[2]), '/var/lib/ecorner belongs to ecorner');
    t.equal(state.mode & 0o777, 0o750);
    const kioskJson = statSync(r('etc/ecorner/kiosk.json'));
    t.equal(kioskJson.uid, 0);
    t.equal(kioskJson.gid, Number(user?.[3]), 'kiosk.json readable by group ecorner');
    t.equal(kioskJson.mode & 0o777, 0o640);
    const centralUser = entry('etc/passwd', 'ecorner-central');
    t.ok(centralUser, 'user ecorner-central (amd64 carries central)');
    const centralEtc = statSync(r('etc/ecorner/central'));
    t.equal(centralEtc.gid, Number(centralUser?.[3]), "/etc/ecorner/central belongs to central's group");
    t.equal(centralEtc.mode & 0o777, 0o750);
    t.same(readdirSync(r('etc/ecorner/central')), [], 'no central config shipped or generated (no example secrets)');

    t.equal(
      readlinkSync(r('etc/systemd/system/multi-user.target.wants/ecorner-controller.service')),
      '/lib/systemd/system/ecorner-controller.service',
      'controller enabled',
    );
    t.equal(
      readlinkSync(r('etc/systemd/system/graphical.target.wants/ecorner-browser.service')),
      '/lib/systemd/system/ecorner-browser.service',
      'browser enabled',
    );
    t.notOk(hasLink('etc/systemd/system/multi-user.target.wants/ecorner-central.service'), 'central installed, not enabled');

    const status = inRoot('dpkg-query', `--admindir=${r('var/lib/dpkg')}`, '-s', 'ecorner');
    t.match(status, /Conffiles:\n \/etc\/ecorner\/kiosk\.json [0-9a-f]{32}/, 'kiosk.json is a conffile');
  });

  t.test('every unit passes systemd-analyze verify in the installed root', async (t) => {
    t.doesNotThrow(() =>
      inRoot('systemd-analyze', 'verify', `--root=${root}`, 'ecorner-controller.service', 'ecorner-browser.service', 'ecorner-central.service'),
    );
    // Control: verify does look at the root (a unit whose program is missing fails).
    writeFileSync(r('etc/systemd/system/ecorner-broken.service'), '[Service]\nExecStart=/opt/ecorner/node/bin/missing\n');
    t.throws(() => inRoot('systemd-analyze', 'verify', `--root=${root}`, 'ecorner-broken.service'));
    execFileSync('rm', [r('etc/systemd/system/ecorner-broken.service')]);
  });

  t.test('the installed tree is a complete production install that runs', async (t) => {
    const opt = r('opt/ecorner');
    t.doesNotThrow(() => sh('npm', ['ls', '--omit=dev', '--all', '--prefix', opt]), 'npm ls --omit=dev finds every production dependency');
    const dir = tempDir();
    const config = writeTestConfig(dir); // the simulator site, every port free
    const child = spawn(path.join(opt, 'node', 'bin', 'node'), [path.join(opt, 'controller', 'main.js'), '--sim', '--config', config], {
      cwd: opt,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ECORNER_LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    t.teardown(() => child.kill('SIGTERM'));
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      const onData = (d: Buffer) => {
        out += d.toString();
        const m = /"url":"(http:\/\/[^"]+)"[^\n]*"msg":"kiosk controller listening"|"msg":"kiosk controller listening"[^\n]*"url":"(http:\/\/[^"]+)"/.exec(out);
        if (m) resolve((m[1] ?? m[2])!);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`installed kiosk exited with ${code}:\n${out}`)));
    });
    const health = await fetch(`${url}/api/health`);
    t.equal(health.status, 200, 'the packaged Node runs the packaged kiosk');
  });

  t.test('installing twice changes nothing', async (t) => {
    const before = snapshot();
    dpkg('-i', debs.amd64);
    t.equal(snapshot(), before);
  });

  t.test('an upgrade keeps /etc/ecorner and /var/lib/ecorner', async (t) => {
    // The technician's site config and secret, and the kiosk's data.
    const site = JSON.parse(readFileSync(r('etc/ecorner/kiosk.json'), 'utf8')) as { kiosk: { id: string } };
    site.kiosk.id = 'KE-DLS-07';
    writeFileSync(r('etc/ecorner/kiosk.json'), JSON.stringify(site, null, 2));
    writeFileSync(r('etc/ecorner/kiosk.secret'), 'a-secret-from-central-it-0123456789\n');
    writeFileSync(r('var/lib/ecorner/requests.json'), '{"requests":[{"reference":"DLS-000001"}]}');
    writeFileSync(r('etc/ecorner/central/central.json'), '{"kiosks":[]}');

    // The same package as version <v>+1: unpack, bump, repack (no compression: it is a test).
    const raw = path.join(work, 'raw');
    sh('dpkg-deb', ['-R', debs.amd64, raw]);
    const control = path.join(raw, 'DEBIAN', 'control');
    writeFileSync(control, readFileSync(control, 'utf8').replace(/^Version: (.+)$/m, 'Version: $1+1'));
    const next = path.join(work, 'ecorner-next.deb');
    sh('dpkg-deb', ['--root-owner-group', '-Znone', '--build', raw, next]);

    dpkg('-i', next);
    t.match(inRoot('dpkg-query', `--admindir=${r('var/lib/dpkg')}`, '-W', '-f', '${Version}', 'ecorner'), /\+1$/, 'upgraded');
    t.equal((JSON.parse(readFileSync(r('etc/ecorner/kiosk.json'), 'utf8')) as { kiosk: { id: string } }).kiosk.id, 'KE-DLS-07', 'edited conffile kept');
    t.notOk(existsSync(r('etc/ecorner/kiosk.json.dpkg-dist')) || existsSync(r('etc/ecorner/kiosk.json.dpkg-new')), 'no conffile prompt left behind');
    t.equal(readFileSync(r('etc/ecorner/kiosk.secret'), 'utf8'), 'a-secret-from-central-it-0123456789\n', 'secret kept');
    t.equal(statSync(r('etc/ecorner/kiosk.secret')).mode & 0o777, 0o640, 'secret readable by ecorner only');
    t.equal(readFileSync(r('etc/ecorner/central/central.json'), 'utf8'), '{"kiosks":[]}', "central's config kept");
    t.match(readFileSync(r('var/lib/ecorner/requests.json'), 'utf8'), /DLS-000001/, 'request store kept');
    t.ok(hasLink('etc/systemd/system/multi-user.target.wants/ecorner-controller.service'), 'still enabled');
    t.ok(hasLink('etc/systemd/system/graphical.target.wants/ecorner-browser.service'), 'browser still enabled');
  });

  t.test('purge removes config, data and units; the users stay', async (t) => {
    dpkg('--purge', 'ecorner');
    for (const p of [
      'etc/ecorner',
      'var/lib/ecorner',
      'opt/ecorner',
      'lib/systemd/system/ecorner-controller.service',
      'etc/systemd/system/multi-user.target.wants/ecorner-controller.service',
      'etc/systemd/system/graphical.target.wants/ecorner-browser.service',
    ]) {
      t.notOk(has(p) || hasLink(p), `${p} gone`);
    }
    t.throws(() => inRoot('dpkg-query', `--admindir=${r('var/lib/dpkg')}`, '-W', 'ecorner'), 'dpkg has forgotten the package: nothing of it is left');
    t.ok(entry('etc/passwd', 'ecorner'), 'user ecorner kept (Debian policy)');
  });
  t.end();
});
