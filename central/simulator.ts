// Simulator mode (`npm start`): a local central that knows exactly this
// kiosk, so the whole flow works on one machine. main.ts calls it before
// building the CentralLink and points config.central.url at the result.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { KioskConfig } from '../config/schema.js';
import { startCentral, type RunningCentral } from './server.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface SimulatorCentralOptions {
  /** the kiosk's data directory; central's database goes to <dataDir>/central/central.sqlite */
  dataDir: string;
  log?: Logger;
  /** overrides config.simulator.centralPort (tests pass 0) */
  port?: number;
  /** the kiosk's clock: one machine, one time (signatures carry timestamps) */
  now?: () => Date;
}

export async function startSimulatorCentral(config: KioskConfig, o: SimulatorCentralOptions): Promise<RunningCentral> {
  return startCentral({
    host: '127.0.0.1',
    port: o.port ?? config.simulator?.centralPort ?? 8090,
    dbPath: path.join(path.resolve(o.dataDir), 'central', 'central.sqlite'),
    networkPath: path.join(repoRoot, 'config', 'network.json'),
    heartbeat: { periodSeconds: config.central.heartbeatSeconds, graceSeconds: 2 * config.central.heartbeatSeconds },
    kiosks: [{
      id: config.kiosk.id,
      site: config.kiosk.siteCode,
      name: config.kiosk.name.en,
      circle: config.kiosk.circle,
      substation: config.kiosk.substation,
      secret: config.central.kioskSecret,
    }],
    ...(o.log ? { log: o.log } : {}),
    ...(o.now ? { now: o.now } : {}),
  });
}
