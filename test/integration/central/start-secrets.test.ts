// `npm run central` outside dev mode: the shipped example config is refused
// (exit 2, naming the file and each field) before a port or database is
// opened; a config made with `npm run central:tools` starts; `--dev` accepts
// the example.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import t from 'tap';
import { kioskCredentials, operatorCredentials } from '../../../central/tools/credentials.js';
import { newSecret } from '../../../protocol/secrets.js';
import { repoRoot } from '../../helpers/process.js';

function runCentral(args: string[], env: Record<string, string>, until?: RegExp): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'central', 'main.ts'), ...args], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      if (until?.test(output)) child.kill('SIGTERM');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

t.test('the shipped example config is refused outside dev mode, naming file and fields', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ecorner-central-start-'));
  const shipped = JSON.parse(readFileSync(path.join(repoRoot, 'central', 'config', 'central.json'), 'utf8')) as Record<string, unknown>;
  const file = path.join(dir, 'central.json');
  writeFileSync(file, JSON.stringify({ ...shipped, dbPath: path.join(dir, 'central.sqlite'), networkPath: path.join(repoRoot, 'config', 'network.json') }));
  const refused = await runCentral([], { ECORNER_CENTRAL_CONFIG: file, ECORNER_CENTRAL_PORT: '0' });
  t.equal(refused.code, 2, 'exit 2');
  t.match(refused.output, file);
  t.match(refused.output, /\/kiosks\/0\/secret \(KE-DLS-01\) contains the placeholder word/);
  t.match(refused.output, /\/gateway\/webhookSecret contains the placeholder word/);
  t.match(refused.output, /\/operators\/2 \(dev-admin\)\/token: a token in place is for dev mode only/);
  t.notMatch(refused.output, /central listening/);
  const dev = await runCentral(['--dev'], { ECORNER_CENTRAL_CONFIG: file, ECORNER_CENTRAL_PORT: '0' }, /central listening/);
  t.match(dev.output, /central-dev-mode/, 'dev mode says so');
  t.match(dev.output, /central listening on http:\/\/127\.0\.0\.1:\d+/);
});

t.test('a config made with central:tools starts outside dev mode', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ecorner-central-start-'));
  const secret = newSecret();
  const kiosk = kioskCredentials('KE-DLS-01', secret, path.join(dir, 'kiosks'));
  t.equal(kiosk.kioskFile, '/etc/ecorner/kiosk.secret');
  t.equal(kiosk.kioskFileText, `${secret}\n`, 'the kiosk-side file holds the same secret');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(path.dirname(kiosk.centralFile), { recursive: true });
  writeFileSync(kiosk.centralFile, kiosk.kioskFileText, { mode: 0o600 });
  writeFileSync(path.join(dir, 'webhook.secret'), newSecret());
  const admin = operatorCredentials('anita', 'admin', newSecret());
  t.throws(() => operatorCredentials('anita', 'root', newSecret()), /role must be one of viewer, helpdesk, admin/);
  t.throws(() => kioskCredentials('ke dls', secret, dir), /must match/);
  const file = path.join(dir, 'central.json');
  writeFileSync(file, JSON.stringify({
    version: 1,
    listen: { host: '127.0.0.1', port: 8090 },
    dbPath: 'central.sqlite',
    operators: [JSON.parse(admin.entry)],
    gateway: { provider: 'razorpay', webhookSecret: 'file:webhook.secret' },
    kiosks: [{ ...JSON.parse(kiosk.centralEntry), site: 'DLS', name: 'Dehli Sujanpur' }],
  }));
  const run = await runCentral([], { ECORNER_CENTRAL_CONFIG: file, ECORNER_CENTRAL_PORT: '0' }, /central listening/);
  t.match(run.output, /central listening on http:\/\/127\.0\.0\.1:\d+/, 'starts');
  t.notMatch(run.output, /central-dev-mode/);
  t.notMatch(run.output, new RegExp(secret), 'the secret is never logged');
});
