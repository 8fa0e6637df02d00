import t from 'tap';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { levelsAt, patternFor } from '../../../../drivers/leds/pattern.js';
import { LedDriver } from '../../../../drivers/leds/driver.js';
import { SysfsGpioLeds } from '../../../../drivers/leds/gpio-sysfs.js';
import { VirtualLeds } from '../../../../drivers/leds/virtual.js';
import { tempDir } from '../../../helpers/config.js';

t.test('health level → LED pattern', async (t) => {
  t.same(patternFor('ok'), { green: 'on', amber: 'off', red: 'off' });
  t.same(patternFor('warning'), { green: 'on', amber: 'blink', red: 'off' });
  t.same(patternFor('fault'), { green: 'off', amber: 'off', red: 'on' });
  t.same(patternFor('starting'), { green: 'off', amber: 'on', red: 'off' });
  t.same(levelsAt(patternFor('warning'), true), { green: true, amber: true, red: false });
  t.same(levelsAt(patternFor('warning'), false), { green: true, amber: false, red: false });
});

t.test('the driver writes only changes and blinks on its timer', async (t) => {
  const leds = new VirtualLeds();
  const driver = new LedDriver(leds, 100);
  await driver.start();
  await driver.show(patternFor('ok'));
  await driver.show(patternFor('ok'));
  t.same(leds.transitions.map((x) => `${x.led}:${x.on}`), ['green:true'], 'a repeated pattern writes nothing');
  await driver.show(patternFor('warning'));
  await new Promise((r) => setTimeout(r, 450));
  const amber = leds.transitions.filter((x) => x.led === 'amber');
  t.ok(amber.length >= 3, `amber toggled ${amber.length} times in 450 ms at 100 ms`);
  t.ok(leds.lit.green, 'green stays on while amber blinks');
  await driver.stop();
  t.same(leds.lit, { green: false, amber: false, red: false }, 'all off at stop');
});

t.test('sysfs GPIO: chip base offset, direction set with initial level, values written', async (t) => {
  const root = tempDir();
  for (const n of [529, 539]) mkdirSync(path.join(root, `gpio${n}`)); // already exported (17, 27)
  writeFileSync(path.join(root, 'export'), '');
  const fakeKernel = setInterval(() => {
    // the kernel creates the line directory when a number is written to export
    const n = readFileSync(path.join(root, 'export'), 'utf8').trim();
    if (n) mkdirSync(path.join(root, `gpio${n}`), { recursive: true });
  }, 5);
  t.teardown(() => clearInterval(fakeKernel));
  const gpio = new SysfsGpioLeds({ root, chipBase: 512, pins: { green: 17, amber: 27, red: 22 }, activeLow: false, exportSettleMs: 50 });
  t.equal(gpio.lineNumber('red'), 534);
  await gpio.open();
  t.equal(readFileSync(path.join(root, 'export'), 'utf8'), '534', 'only the missing line was exported');
  t.equal(readFileSync(path.join(root, 'gpio529', 'direction'), 'utf8'), 'low');
  await gpio.write('green', true);
  await gpio.write('red', false);
  t.equal(readFileSync(path.join(root, 'gpio529', 'value'), 'utf8'), '1');
  t.equal(readFileSync(path.join(root, 'gpio534', 'value'), 'utf8'), '0');

  const inverted = new SysfsGpioLeds({ root, chipBase: 512, pins: { green: 17, amber: 27, red: 22 }, activeLow: true, exportSettleMs: 0 });
  await inverted.open();
  t.equal(readFileSync(path.join(root, 'gpio539', 'direction'), 'utf8'), 'high', 'active-low starts dark');
  await inverted.write('amber', true);
  t.equal(readFileSync(path.join(root, 'gpio539', 'value'), 'utf8'), '0');
});

t.test('a missing GPIO tree is reported, not thrown', async (t) => {
  const errors: string[] = [];
  const driver = new LedDriver(new SysfsGpioLeds({ root: '/nonexistent/gpio', chipBase: 0, pins: { green: 1, amber: 2, red: 3 }, activeLow: false }), 100, (m) => errors.push(m));
  await driver.start();
  await driver.show(patternFor('ok'));
  await driver.show(patternFor('fault'));
  t.match(errors[0], /cannot export GPIO 1 \(green\) under \/nonexistent\/gpio/);
  t.equal(errors.length, new Set(errors).size, 'each distinct failure reported once');
  t.ok(errors.length <= 4);
  await driver.stop();
});
