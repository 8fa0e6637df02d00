// The loaded config is what the file says, for the whole run: in simulator
// mode the central link talks to the local central without the config's
// central.url being rewritten.
import t from 'tap';
import { pino } from 'pino';
import { startKiosk } from '../../../controller/kiosk.js';
import { loadTestConfig, tempDir } from '../../helpers/config.js';

t.test('simulator mode leaves config.central.url as loaded and links to the local central', async (t) => {
  const loaded = loadTestConfig(tempDir());
  const before = JSON.stringify(loaded.config);
  const kiosk = await startKiosk(loaded, { simulator: true, log: pino({ level: 'silent' }) });
  t.teardown(() => kiosk.stop());
  t.ok(kiosk.central, 'a local central started');
  t.equal(JSON.stringify(loaded.config), before, 'config unchanged');
  t.not(kiosk.central!.url, loaded.config.central.url, 'the local central listens elsewhere (port 0)');
  t.equal(await kiosk.link.heartbeat.sendNow(), true, 'a heartbeat reached the local central');
});
