// Simulator mode (`npm start`): a local central that knows exactly this
// kiosk, so the whole flow works on one machine. main.ts calls it before
// building the CentralLink and points config.central.url at the result.
// Its secrets are made up at each start and handed back, so the kiosk's
// simulator routes can play the payment gateway and the help desk.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { KioskConfig } from '../config/schema.js';
import { newSecret } from '../protocol/secrets.js';
import { startCentral, type RunningCentral } from './server.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface SimulatorCentralOptions {
  /** the kiosk's data directory; central's database goes to <dataDir>/central/central.sqlite */
  dataDir: string;
  log?: Logger;
  /** overrides config.simulator.centralPort (tests pass 0) */
  port?: number;
  /** central's clock (defaults to the real one; a kiosk may have a wrong clock, central need not) */
  now?: () => Date;
}

export interface SimulatorCentral extends RunningCentral {
  /** bearer token of the simulator's help-desk operator ("sim-helpdesk") */
  helpdeskToken: string;
  /** bearer token of the simulator's admin ("sim-admin") */
  adminToken: string;
}

export async function startSimulatorCentral(config: KioskConfig, o: SimulatorCentralOptions): Promise<SimulatorCentral> {
  const helpdeskToken = newSecret();
  const adminToken = newSecret();
  const central = await startCentral({
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
    operators: [
      { name: 'sim-helpdesk', role: 'helpdesk', token: helpdeskToken },
      { name: 'sim-admin', role: 'admin', token: adminToken },
    ],
    // One machine: the fleet page opens without a token.
    public: true,
    ...(o.log ? { log: o.log } : {}),
    ...(o.now ? { now: o.now } : {}),
  });
  return { ...central, helpdeskToken, adminToken };
}
