// The systemd units as shipped: hardened to systemd-analyze's exposure limits
// (controller ≤ 2.5, central ≤ 2.0) and still the kind of service the code
// expects (Type=notify with a watchdog for the controller).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { repoRoot } from '../../helpers/process.js';

const unitDir = path.join(repoRoot, 'systemd');

function exposure(unit: string): number {
  // --offline: judge the file itself, no running manager needed.
  const out = execFileSync('systemd-analyze', ['security', '--offline=true', '--no-pager', path.join(unitDir, unit)], { encoding: 'utf8' });
  const m = /Overall exposure level for \S+: (\d+(?:\.\d+)?)/.exec(out);
  if (!m?.[1]) throw new Error(`no exposure level in:\n${out}`);
  return Number(m[1]);
}

function directives(unit: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const line of readFileSync(path.join(unitDir, unit), 'utf8').split('\n')) {
    const m = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (m?.[1]) map.set(m[1], [...(map.get(m[1]) ?? []), m[2] ?? '']);
  }
  return map;
}

t.test('controller exposure is 2.5 or less', async (t) => {
  const level = exposure('ecorner-controller.service');
  t.ok(level <= 2.5, `ecorner-controller.service: ${level}`);
});

t.test('central exposure is 2.0 or less', async (t) => {
  const level = exposure('ecorner-central.service');
  t.ok(level <= 2.0, `ecorner-central.service: ${level}`);
});

t.test('the measure can fail: the old unhardened controller unit rates as exposed', async (t) => {
  const level = Number(
    /: (\d+(?:\.\d+)?)/.exec(
      execFileSync('systemd-analyze', ['security', '--offline=true', '--no-pager', path.join(repoRoot, 'test', 'fixtures', 'systemd', 'unhardened.service')], {
        encoding: 'utf8',
      }),
    )?.[1],
  );
  t.ok(level > 8, `unhardened: ${level}`);
});

t.test('the controller keeps readiness, watchdog and its devices', async (t) => {
  const d = directives('ecorner-controller.service');
  t.same(d.get('Type'), ['notify']);
  t.same(d.get('WatchdogSec'), ['30']);
  // systemd-notify is a child process: main would drop its messages.
  t.same(d.get('NotifyAccess'), ['all']);
  t.same(d.get('ExecStart'), ['/opt/ecorner/node/bin/node /opt/ecorner/controller/main.js'], 'built JS on the packaged Node, no tsx');
  t.same(d.get('DevicePolicy'), ['closed']);
  t.ok(
    (d.get('DeviceAllow') ?? []).some((v) => v.startsWith('char-ttyACM')),
    'serial scanners allowed',
  );
  t.same(d.get('RestartPreventExitStatus'), ['2'], 'a config error does not loop');
});
