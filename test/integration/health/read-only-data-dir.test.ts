// A data directory that turned read-only (an SD card's usual way of dying)
// shows as `store: fault` the moment the controller starts — not when a
// consumer's submission fails — and the controller keeps running (no crash
// loop). The real entry point runs in its own mount namespace (unshare) with
// the data directory bind-mounted read-only.
import { spawn } from 'node:child_process';
import path from 'node:path';
import t from 'tap';
import { pino } from 'pino';
import { startKiosk } from '../../../controller/kiosk.js';
import { loadTestConfig, tempDir, writeTestConfig } from '../../helpers/config.js';
import { repoRoot } from '../../helpers/process.js';

const offline = (c: Record<string, any>) => {
  c.simulator.startCentral = false;
  c.central.url = 'http://127.0.0.1:9';
};

t.test('read-only data dir at start-up → store fault at once, still serving', async (t) => {
  const dataDir = tempDir();
  // A kiosk that has run before: its files exist.
  const first = await startKiosk(loadTestConfig(dataDir, offline), { simulator: true, log: pino({ level: 'silent' }) });
  await first.stop();
  const file = writeTestConfig(dataDir, offline);

  const script = 'mount --bind "$D" "$D" && mount -o remount,ro,bind "$D" && exec "$NODE" --import tsx controller/main.ts --sim';
  const child = spawn('unshare', ['-rm', 'sh', '-c', script], { cwd: repoRoot, env: { ...process.env, D: dataDir, NODE: process.execPath, ECORNER_CONFIG: file, ECORNER_LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  t.teardown(() => {
    child.kill('SIGTERM');
    return exited;
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start:\n${out}`)), 40_000);
    child.stdout.on('data', () => {
      const m = /"url":"(http:\/\/[^"]+)"[^\n]*"msg":"kiosk controller listening"/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exited.then((code) => reject(new Error(`exited ${code}:\n${out}`)));
  });
  t.match(out, /"event":"store-probe-failed"/, 'logged at start-up');
  const health = await fetch(`${url}/api/health`);
  t.equal(health.status, 503, 'health says the kiosk cannot take requests');
  const body = (await health.json()) as { parts: { store: { level: string; state: string; detail: string } } };
  t.match(body.parts.store, { level: 'fault', state: 'not-writable' });
  t.match(body.parts.store.detail, /EROFS|read-only/i);

  const submit = await fetch(`${url}/api/requests`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ service: 'billing-complaint', mobile: '9876543210', account: '1234567890', fields: { type: 'wrong-reading' } }) });
  t.not(submit.status, 201, 'nothing is acknowledged that was not stored');
  t.equal(child.exitCode, null, 'still running: a fault is shown, not a crash loop');
  t.ok(path.isAbsolute(dataDir));
});
