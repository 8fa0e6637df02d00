// `npm run central`: the reference central server on its own.
// Config: ECORNER_CENTRAL_CONFIG or central/config/central.json; port:
// ECORNER_CENTRAL_PORT overrides listen.port. `--dev` accepts the example
// secrets of the shipped config; without it every secret must be real.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { CentralConfigError, loadCentralConfig } from './config/load.js';
import { listenCentral } from './server.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const log = pino({ level: process.env.ECORNER_LOG_LEVEL ?? 'info' });

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { dev: { type: 'boolean', default: false }, config: { type: 'string' } }, strict: true });
  const file = values.config ?? process.env.ECORNER_CENTRAL_CONFIG ?? path.join(here, 'config', 'central.json');
  let config;
  try {
    config = await loadCentralConfig(file, { dev: values.dev });
    const portText = process.env.ECORNER_CENTRAL_PORT;
    if (portText !== undefined) {
      const port = Number(portText);
      if (!/^\d{1,5}$/.test(portText) || port > 65535) throw new CentralConfigError('ECORNER_CENTRAL_PORT', [`must be a port number, got "${portText}"`]);
      config.listen.port = port;
    }
  } catch (err) {
    // Refuse before opening the database or a port, naming the file and field.
    process.stderr.write(`ecorner central: ${err instanceof CentralConfigError ? err.message : (err as Error).message}\n`);
    process.exit(2);
  }
  if (values.dev) log.warn({ event: 'central-dev-mode' }, 'dev mode: example secrets are accepted; never use on a real network');
  const central = await listenCentral(config, { log });
  log.info({ event: 'central-listening', url: central.url, kiosks: config.kiosks.length, db: config.dbPath, epoch: central.app.central.epoch }, `central listening on ${central.url}`);
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
  log.fatal({ err }, 'central failed to start');
  process.exit(1);
});
