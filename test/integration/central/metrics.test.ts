// /metrics carries per-kiosk state, last-seen age and backlog, and passes promtool.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { heartbeat, startTestCentral } from '../../fixtures/central/central-helper.js';

const run = promisify(execFile);

t.test('metrics after heartbeats, validated by promtool', async (t) => {
  const c = await startTestCentral(t);
  await c.kioskFetch('POST', '/api/v1/heartbeats', heartbeat('KE-DLS-01', c.clock, {
    outbox: { depth: 7, oldestAgeSeconds: 420, failures: 3 },
    health: { level: 'fault', parts: { printer: { level: 'fault', state: 'paper-end', since: c.clock.now().toISOString() } } },
  }));
  c.clock.advance(75);
  c.app.central.monitor.evaluateAll();
  const res = await fetch(`${c.url}/metrics`);
  t.match(res.headers.get('content-type'), /text\/plain/);
  const text = await res.text();
  t.match(text, /ecorner_kiosk_state\{kiosk="KE-DLS-01",site="DLS",state="late"\} 1/);
  t.match(text, /ecorner_kiosk_state\{kiosk="KE-DLS-01",site="DLS",state="up"\} 0/);
  t.match(text, /ecorner_kiosk_state\{kiosk="KE-PHB-01",site="PHB",state="new"\} 1/);
  t.match(text, /ecorner_kiosk_last_seen_age_seconds\{kiosk="KE-DLS-01",site="DLS"\} 75/);
  t.notMatch(text, /ecorner_kiosk_last_seen_age_seconds\{kiosk="KE-PHB-01"/, 'no age for a kiosk never seen');
  t.match(text, /ecorner_kiosk_outbox_depth\{kiosk="KE-DLS-01",site="DLS"\} 7/);
  t.match(text, /ecorner_kiosk_outbox_oldest_age_seconds\{kiosk="KE-DLS-01",site="DLS"\} 420/);
  t.match(text, /ecorner_kiosk_device_faults\{kiosk="KE-DLS-01",site="DLS"\} 1/);

  const file = path.join(c.dir, 'metrics.txt');
  writeFileSync(file, text);
  // promtool reads the exposition from stdin; lint problems make it exit non-zero.
  const { stdout, stderr } = await run('sh', ['-c', `promtool check metrics < "${file}"`], { timeout: 20_000 }).catch((err) => {
    t.fail(`promtool rejected /metrics: ${err.stdout}${err.stderr}`);
    return { stdout: '', stderr: '' };
  });
  t.equal(`${stdout}${stderr}`.trim(), '', 'promtool reports no problems');
});

t.test('promtool really rejects a bad exposition (guards the check above)', async (t) => {
  const bad = '# HELP foo_total x\n# TYPE foo_total gauge\nfoo_total 1\n';
  const r = await run('sh', ['-c', `printf '%s' "$1" | promtool check metrics`, 'sh', bad], { timeout: 20_000 }).then(() => 'passed', (err) => `${err.stdout}${err.stderr}`);
  t.match(r, /total/);
});
