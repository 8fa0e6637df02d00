import t from 'tap';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { runController } from '../../helpers/process.js';
import { tempDir, writeTestConfig } from '../../helpers/config.js';

t.test('a bad config stops start-up with exit 2, naming the file and the field', async (t) => {
  const dir = tempDir();
  const file = writeTestConfig(dir, (c) => {
    c.devices.printer.port = 'ninety-one hundred';
    c.kiosk.colour = 'blue';
  });
  const run = runController(['--sim'], { ECORNER_CONFIG: file });
  const code = await run.exited;
  t.equal(code, 2);
  t.match(run.output(), file);
  t.match(run.output(), /devices\.printer\.port: must be integer/);
  t.match(run.output(), /kiosk\.colour: unknown key/);
  t.notMatch(run.output(), /listening/, 'nothing was started');
});

t.test('a config that is not JSON stops start-up too', async (t) => {
  const file = path.join(tempDir(), 'kiosk.json');
  writeFileSync(file, '{ "version": 1, ');
  const run = runController(['--sim'], { ECORNER_CONFIG: file });
  t.equal(await run.exited, 2);
  t.match(run.output(), /not valid JSON/);
});
