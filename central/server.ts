// Central's composition: database, services, routes. buildCentral() returns
// an app that has not opened a port (tests use inject or listen on port 0);
// startCentral() is the one-call form main.ts and the kiosk simulator use.
import Fastify, { type FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { NetworkConfig } from '../config/schema.js';
import { NonceStore } from './auth.js';
import { BillingService } from './billing/billing.js';
import { parseCentralConfig, resolveCentralSecrets } from './config/load.js';
import type { CentralConfig, KioskEntry, Operator } from './config/schema.js';
import { openDatabase, type Db } from './db/database.js';
import { EpochKeeper } from './db/epoch.js';
import { FleetMonitor } from './fleet/monitor.js';
import { createHelpDesk, type HelpDeskParts } from './helpdesk/index.js';
import { Webhook } from './fleet/webhook.js';
import { TicketService } from './intake/tickets.js';
import { createMetrics, type CentralMetrics } from './metrics.js';
import { loadNetwork } from './network.js';
import { newSecret } from '../protocol/secrets.js';
import { OperatorDirectory } from './operators/access.js';
import { AuditLog } from './operators/audit.js';
import { adminApi } from './routes/admin-api.js';
import { fleetRoutes } from './routes/fleet.js';
import { gatewayRoutes } from './routes/gateway.js';
import { kioskApi } from './routes/kiosk-api.js';

export interface CentralServices {
  config: CentralConfig;
  db: Db;
  monitor: FleetMonitor;
  tickets: TicketService;
  helpdesk: HelpDeskParts;
  billing: BillingService;
  metrics: CentralMetrics;
  webhook: Webhook | null;
  network: NetworkConfig | null;
  networkError: string | null;
  /** this database's epoch, sent with every reply to a kiosk */
  epoch: string;
  audit: AuditLog;
}

declare module 'fastify' {
  interface FastifyInstance {
    central: CentralServices;
  }
}

export interface BuildCentralOptions {
  config: CentralConfig;
  /** injected clock for state tests and the screenshot tool */
  now?: () => Date;
  log?: Logger;
  /** given: used as is; undefined: read from config.networkPath when set */
  network?: NetworkConfig | null;
  fetch?: typeof fetch;
  /** re-evaluate late/down on a timer (default true); tests with an injected clock call evaluateAll() themselves */
  timers?: boolean;
}

export async function buildCentral(o: BuildCentralOptions): Promise<FastifyInstance> {
  const config = o.config;
  const now = o.now ?? (() => new Date());
  const log = o.log ?? pino({ level: process.env.ECORNER_LOG_LEVEL ?? 'info' });

  let network: NetworkConfig | null = o.network ?? null;
  let networkError: string | null = null;
  if (o.network === undefined && config.networkPath) {
    const loaded = await loadNetwork(config.networkPath);
    if (loaded.ok) network = loaded.network;
    else {
      networkError = loaded.error;
      log.warn({ event: 'central-network-missing', error: loaded.error }, 'fleet page chart has no network data');
    }
  }

  const db = openDatabase(config.dbPath);
  const epochs = new EpochKeeper(db, config.dbPath);
  const epoch = epochs.epoch;
  if (epochs.opening.reason !== 'kept') log.warn({ event: 'central-epoch-new', epoch, reason: epochs.opening.reason }, `central database epoch ${epoch} (${epochs.opening.reason}); kiosks will re-offer what they hold`);
  const webhook = config.webhook ? new Webhook(config.webhook.url, config.webhook.timeoutMs, log, o.fetch) : null;
  const monitor = new FleetMonitor({
    db,
    kiosks: config.kiosks,
    defaults: { periodSeconds: config.heartbeat.periodSeconds, graceSeconds: config.heartbeat.graceSeconds },
    now,
    log,
    ...(webhook ? { onAlert: (e) => webhook.fire(e) } : {}),
  });
  const tickets = new TicketService(db, now, epoch, () => epochs.noteWrite());
  const audit = new AuditLog(db, now);
  const operators = new OperatorDirectory(config.operators);
  let helpdesk: HelpDeskParts;
  try {
    helpdesk = await createHelpDesk(config, { db, tickets, network, now, log, ...(o.fetch ? { fetch: o.fetch } : {}) });
  } catch (err) {
    db.close();
    throw err;
  }
  const billing = new BillingService(db, now, config.paymentExpiryMinutes);
  const seeded = billing.seed(config.seedConsumers);
  if (seeded > 0) log.info({ event: 'central-seeded', consumers: seeded }, `seeded ${seeded} synthetic consumers`);
  const metrics = createMetrics(monitor, tickets, { health: () => helpdesk.health(), now });
  const nonces = new NonceStore(db);

  const app = Fastify({
    loggerInstance: log,
    bodyLimit: 256 * 1024,
    // Refuse what does not match instead of quietly stripping or coercing it.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as FastifyInstance;

  app.decorate('central', { config, db, monitor, tickets, helpdesk, billing, metrics, webhook, network, networkError, epoch, audit });

  app.setErrorHandler((err: Error & { statusCode?: number; validation?: unknown; code?: string }, request, reply) => {
    if (err.validation) return reply.code(400).send({ error: 'bad-request', message: err.message });
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) request.log.error({ err }, 'central request failed');
    return reply.code(status).send({ error: status === 500 ? 'internal-error' : (err.code ?? 'bad-request').toLowerCase().replace(/_/g, '-'), message: err.message });
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ error: 'not-found', message: `no route ${request.method} ${request.url}` }));

  const secrets = new Map(config.kiosks.map((k) => [k.id, k.secret]));
  await app.register(kioskApi, {
    prefix: '/api/v1',
    auth: {
      db,
      secretOf: (id) => secrets.get(id),
      now,
      windowSeconds: config.signatureWindowSeconds,
      epoch,
      onFailure: (reason, kioskId) => {
        metrics.authFailures.inc({ reason });
        log.warn({ event: 'central-auth-refused', reason, kioskId }, `refused kiosk request: ${reason}`);
      },
    },
    nonces,
    monitor,
    tickets,
    billing,
    metrics,
    now,
    lookupMissesPerMinute: config.lookupMissesPerMinute,
  });
  await app.register(adminApi, { prefix: '/api/v1/admin', operators, audit, monitor, tickets, billing });
  await app.register(gatewayRoutes, { webhookSecret: config.gateway.webhookSecret, billing, audit, log });
  await app.register(fleetRoutes, {
    monitor, tickets, metrics, now, operators, audit,
    helpdesk: () => helpdesk.health(),
    public: config.public,
    ...(config.metricsToken ? { metricsToken: config.metricsToken } : {}),
    getNetwork: () => ({ network, error: networkError }),
  });

  let timer: NodeJS.Timeout | undefined;
  if (o.timers !== false) {
    app.addHook('onReady', async () => {
      const tick = () => {
        try {
          monitor.evaluateAll();
          nonces.forgetBefore(new Date(now().getTime() - 2 * config.signatureWindowSeconds * 1000));
          monitor.prune(config.heartbeat.keepDays);
          audit.prune(config.auditKeepDays);
        } catch (err) {
          log.error({ err }, 'fleet evaluation failed');
        }
      };
      tick();
      timer = setInterval(tick, config.heartbeat.evaluateSeconds * 1000);
      timer.unref();
    });
  }
  // The hand-over loop runs whatever `timers` says: it has its own clock-free backoff.
  if (helpdesk.sync) app.addHook('onReady', async () => helpdesk.sync!.start());
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
    await helpdesk.sync?.stop();
    await webhook?.flush();
    db.close();
  });
  return app;
}

export interface StartCentralOptions {
  host?: string;
  port?: number;
  dbPath: string;
  kiosks: KioskEntry[];
  operators?: Operator[];
  /** the gateway's webhook secret (default: a new random one, returned in RunningCentral) */
  webhookSecret?: string;
  public?: boolean;
  metricsToken?: string;
  lookupMissesPerMinute?: number;
  /** apply the production secret rule (default: dev mode, as for the simulator and tests) */
  production?: boolean;
  heartbeat?: Partial<CentralConfig['heartbeat']>;
  webhook?: { url: string; timeoutMs?: number };
  networkPath?: string;
  network?: NetworkConfig | null;
  seedConsumers?: number;
  now?: () => Date;
  log?: Logger;
  fetch?: typeof fetch;
  timers?: boolean;
}

export interface RunningCentral {
  app: FastifyInstance;
  url: string;
  port: number;
  epoch: string;
  webhookSecret: string;
  close(): Promise<void>;
}

/** Validates the options like a config file, builds, and listens. */
export async function startCentral(o: StartCentralOptions): Promise<RunningCentral> {
  const config = parseCentralConfig({
    version: 1,
    listen: { host: o.host ?? '127.0.0.1', port: o.port ?? 8090 },
    dbPath: o.dbPath,
    operators: o.operators ?? [],
    gateway: { provider: 'razorpay', webhookSecret: o.webhookSecret ?? newSecret() },
    ...(o.public !== undefined ? { public: o.public } : {}),
    ...(o.metricsToken !== undefined ? { metricsToken: o.metricsToken } : {}),
    ...(o.lookupMissesPerMinute !== undefined ? { lookupMissesPerMinute: o.lookupMissesPerMinute } : {}),
    ...(o.heartbeat ? { heartbeat: o.heartbeat } : {}),
    ...(o.webhook ? { webhook: o.webhook } : {}),
    ...(o.networkPath ? { networkPath: o.networkPath } : {}),
    ...(o.seedConsumers !== undefined ? { seedConsumers: o.seedConsumers } : {}),
    kiosks: o.kiosks,
  }, 'startCentral options');
  return listenCentral(resolveCentralSecrets(config, 'startCentral options', { dev: o.production !== true }), o);
}

export async function listenCentral(config: CentralConfig, o: Omit<BuildCentralOptions, 'config'> = {}): Promise<RunningCentral> {
  const app = await buildCentral({ ...o, config });
  try {
    await app.listen({ host: config.listen.host, port: config.listen.port });
  } catch (err) {
    await app.close();
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.listen.port;
  const host = config.listen.host.includes(':') ? `[${config.listen.host}]` : config.listen.host;
  return { app, url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`, port, epoch: app.central.epoch, webhookSecret: config.gateway.webhookSecret, close: () => app.close() };
}
