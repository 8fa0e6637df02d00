// Entry point of the kiosk controller: arguments, config, start, signals.
//   tsx controller/main.ts --sim            simulator (virtual devices, local central)
//   ECORNER_CONFIG=/etc/ecorner/kiosk.json tsx controller/main.ts
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, configDir, loadKioskConfig } from '../config/load.js';
import { buildCatalogue, timelineKeys } from './services/catalogue.js';
import { loadNetworkConfig } from '../config/load.js';
import { createLogger } from './log/logger.js';
import { createSdNotifier } from './systemd/sd-notify.js';
import { startKiosk } from './kiosk.js';

const { values } = parseArgs({ options: { sim: { type: 'boolean', default: false }, config: { type: 'string' } }, strict: true });
const fallbackFile = values.config ?? (values.sim ? path.join(configDir, 'sites', 'simulator.json') : '/etc/ecorner/kiosk.json');

let loaded;
try {
  loaded = loadKioskConfig({ fallbackFile, simulator: values.sim, timelineKeys: timelineKeys(buildCatalogue(loadNetworkConfig())) });
} catch (err) {
  // Stop before any device is opened, naming the file and the field.
  process.stderr.write(`ecorner: ${err instanceof ConfigError ? err.message : (err as Error).message}\n`);
  process.exit(2);
}

const log = createLogger();
if (loaded.migration) log.warn({ file: loaded.file, from: loaded.migration.from, changes: loaded.migration.notes }, 'config file is an older version: upgraded in memory; update the file');
const notifier = createSdNotifier(log);
const kiosk = await startKiosk(loaded, { simulator: values.sim, log }).catch((err: unknown) => {
  log.fatal({ err }, 'kiosk failed to start');
  process.exit(1);
});
notifier.ready(`serving ${kiosk.url}`);
notifier.startWatchdog(() => kiosk.ctx.health.get('store')?.level !== 'fault');

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    notifier.stopping();
    notifier.close();
    kiosk.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'stop failed');
        process.exit(1);
      },
    );
  });
}
