// Entry point of the kiosk controller: arguments, config, start, signals.
//   tsx controller/main.ts --sim            simulator (virtual devices, local central)
//   ECORNER_CONFIG=/etc/ecorner/kiosk.json tsx controller/main.ts
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, configDir, loadKioskConfig } from '../config/load.js';
import { buildCatalogue, timelineKeys } from './services/catalogue.js';
import { loadNetworkConfig } from '../config/load.js';
import { pino } from 'pino';
import { createLogger } from './log/logger.js';
import { checkTechnicianConfig } from './technician/config-check.js';
import { LogRing } from './technician/log-ring.js';
import { createSdNotifier } from './systemd/sd-notify.js';
import { startKiosk } from './kiosk.js';

/** event-loop lag above this withholds the watchdog ping (systemd's WatchdogSec is 30 s) */
const WATCHDOG_MAX_LAG_MS = 5000;

const { values } = parseArgs({ options: { sim: { type: 'boolean', default: false }, config: { type: 'string' } }, strict: true });
const fallbackFile = values.config ?? (values.sim ? path.join(configDir, 'sites', 'simulator.json') : '/etc/ecorner/kiosk.json');

let loaded;
try {
  loaded = loadKioskConfig({ fallbackFile, simulator: values.sim, timelineKeys: timelineKeys(buildCatalogue(loadNetworkConfig())) });
  checkTechnicianConfig(loaded.config, loaded.file, values.sim);
} catch (err) {
  // Stop before any device is opened, naming the file and the field.
  process.stderr.write(`ecorner: ${err instanceof ConfigError ? err.message : (err as Error).message}\n`);
  process.exit(2);
}

// Every line goes to stdout (journald) and to a ring the technician page shows.
const logRing = new LogRing();
const log = createLogger({ destination: pino.multistream([{ stream: process.stdout }, { stream: logRing }]) });
if (loaded.migration) log.warn({ event: 'config-migrated', file: loaded.file, from: loaded.migration.from, changes: loaded.migration.notes }, 'config file is an older version: upgraded in memory; update the file');
const notifier = createSdNotifier(log);
const kiosk = await startKiosk(loaded, { simulator: values.sim, log, logRing }).catch((err: unknown) => {
  log.fatal({ event: 'kiosk-start-failed', err }, 'kiosk failed to start');
  process.exit(1);
});
notifier.ready(`serving ${kiosk.url}`);
// Petted while the event loop and the health loop run; a device or store
// fault is shown on the LEDs and the page, never turned into restarts.
notifier.startWatchdog(() => kiosk.health.loop.alive(WATCHDOG_MAX_LAG_MS));

let stopping = false;

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ event: 'kiosk-stopping', signal }, 'stopping');
    notifier.stopping();
    notifier.close();
    kiosk.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ event: 'kiosk-stop-failed', err }, 'stop failed');
        process.exit(1);
      },
    );
  });
}
