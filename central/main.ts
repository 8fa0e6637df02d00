// `npm run central`: the reference central server on its own.
// Config: ECORNER_CENTRAL_CONFIG or central/config/central.json; port:
// ECORNER_CENTRAL_PORT overrides listen.port.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { CentralConfigError, loadCentralConfig } from './config/load.js';
import { listenCentral } from './server.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const log = pino({ level: process.env.ECORNER_LOG_LEVEL ?? 'info' });

async function main(): Promise<void> {
  const file = process.env.ECORNER_CENTRAL_CONFIG ?? path.join(here, 'config', 'central.json');
  const config = await loadCentralConfig(file);
  const portText = process.env.ECORNER_CENTRAL_PORT;
  if (portText !== undefined) {
    const port = Number(portText);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CentralConfigError('ECORNER_CENTRAL_PORT', [`must be a port number, got "${portText}"`]);
    config.listen.port = port;
  }
  const central = await listenCentral(config, { log });
  log.info({ event: 'central-listening', url: central.url, kiosks: config.kiosks.length, db: config.dbPath }, `central listening on ${central.url}`);
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ event: 'central-stopping', signal }, 'central stopping');
    central.close().then(() => process.exit(0), (err) => {
      log.error({ err }, 'central close failed');
      process.exit(1);
    });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err) => {
  log.fatal({ err }, err instanceof CentralConfigError ? err.message : 'central failed to start');
  process.exit(1);
});
