import os from 'node:os';
import t from 'tap';
import { collectSystemInfo, cpuTemperature, memory, parseThrottled, throttleFlags } from '../../../controller/central-link/system-info.js';

const fx = 'test/fixtures/central';

t.test('CPU temperature from a fake /sys', async (t) => {
  t.equal(await cpuTemperature(`${fx}/sys-pi`), 61.9, 'Pi cpu-thermal zone, millidegrees → °C');
  t.equal(await cpuTemperature(`${fx}/sys-x86`), 48, 'the CPU zone is preferred over the first zone');
  t.equal(await cpuTemperature(`${fx}/sys-none`), null, 'no thermal zones: null');
  t.equal(await cpuTemperature('/nonexistent'), null);
});

t.test('memory from a fake /proc/meminfo', async (t) => {
  t.same(await memory(`${fx}/proc-pi`), { available: 2315532 * 1024, total: 3881844 * 1024 });
  const fallback = await memory('/nonexistent');
  t.equal(fallback.total, os.totalmem());
});

t.test('vcgencmd get_throttled bits', async (t) => {
  const f = parseThrottled('throttled=0x50005\n')!;
  t.match(f, { raw: '0x50005', underVoltageNow: true, frequencyCappedNow: false, throttledNow: true, underVoltageOccurred: true, frequencyCappedOccurred: false, throttledOccurred: true });
  t.same(parseThrottled('throttled=0x0')!.underVoltageNow, false);
  t.equal(parseThrottled('VCHI initialization failed'), null);
  t.equal(await throttleFlags(async () => { throw Object.assign(new Error('spawn vcgencmd ENOENT'), { code: 'ENOENT' }); }), null, 'absent command: null');
});

t.test('all together, disk from the real filesystem', async (t) => {
  const { readFile } = await import('node:fs/promises');
  const info = await collectSystemInfo({ diskPath: os.tmpdir(), sysRoot: `${fx}/sys-pi`, procRoot: `${fx}/proc-pi`, vcgencmd: () => readFile(`${fx}/vcgencmd-undervoltage.txt`, 'utf8') });
  t.ok(info.diskTotalBytes! > 0 && info.diskFreeBytes! <= info.diskTotalBytes!);
  t.equal(info.cpuTempC, 61.9);
  t.equal(info.throttle?.underVoltageNow, true);
  const missing = await collectSystemInfo({ diskPath: '/nonexistent/dir', sysRoot: `${fx}/sys-none`, vcgencmd: async () => { throw new Error('absent'); } });
  t.equal(missing.diskFreeBytes, null);
  t.equal(missing.cpuTempC, null);
  t.equal(missing.throttle, null);
});
