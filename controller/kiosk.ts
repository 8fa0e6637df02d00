// Composition of a running kiosk: context, store, devices, central link and
// the HTTP API, started in order and stopped in reverse. No logic lives here.
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { LoadedConfig } from '../config/load.js';
import { buildApp, type AppParts } from './app.js';
import type { KioskContext } from './context.js';
import { EventBus } from './events/bus.js';
import { HealthRegistry } from './health/registry.js';
import { startHealthLeds } from './leds/index.js';
import { ledRoutes } from './routes/leds/index.js';
import { startPrinting } from './receipts/index.js';
import { createScanner, isScanInjector } from '../drivers/scanner/index.js';
import { ScannerService } from './scanner/service.js';
import { eventsRoutes } from './routes/events/index.js';
import type { SimulatorCentral } from '../central/simulator.js';
import { CentralLink } from './central-link/index.js';
import { CentralClock } from './central-link/clock.js';
import { maintenanceRoutes } from './routes/technician/maintenance.js';
import { UiLiveness } from './ui-liveness.js';
import { paymentRoutes } from './routes/payments/index.js';
import { paymentPrintRoutes } from './routes/payments/print.js';
import { uiRoutes } from './routes/ui/index.js';
import { createLogger, type Logger } from './log/logger.js';
import { buildCatalogue } from './services/catalogue.js';
import { RequestStore } from './store/request-store.js';
import { storeHealth } from './store/store-health.js';
import { startKioskHealth, type KioskHealth } from './health/kiosk-health.js';
import { KioskMetrics } from './metrics/kiosk-metrics.js';
import { uiLivenessRoutes } from './routes/ui/liveness.js';
import { consumerRefusesTechnicianRoutes, startTechnician, type RunningTechnician } from './technician/index.js';
import { JobTap } from './technician/job-tap.js';
import type { LogRing } from './technician/log-ring.js';
import { TechnicianRecordsFile } from './technician/records.js';
import { version } from './version.js';

export interface KioskOptions {
  simulator: boolean;
  log?: Logger;
  now?: () => Date;
  /** listen on this port instead of config.http.port (tests pass 0) */
  port?: number;
  /** the technician listener's port instead of config.technician.port (tests pass 0) */
  technicianPort?: number;
  /** the last log lines, shown on the technician page (main.ts tees the logger into it) */
  logRing?: LogRing;
}

export interface RunningKiosk {
  ctx: KioskContext;
  link: CentralLink;
  /** the local central started in simulator mode */
  central: SimulatorCentral | null;
  app: FastifyInstance;
  store: RequestStore;
  url: string;
  technician: RunningTechnician;
  health: KioskHealth;
  records: TechnicianRecordsFile;
  metrics: KioskMetrics;
  stop(): Promise<void>;
}

const PRUNE_EVERY_MS = 6 * 3600 * 1000;

export async function startKiosk(loaded: LoadedConfig, options: KioskOptions): Promise<RunningKiosk> {
  const { config, network } = loaded;
  const log = options.log ?? createLogger();
  const localNow = options.now ?? (() => new Date());
  // A Pi has no RTC: once a signed reply from central tells the time, the
  // kiosk's timestamps (requests, due dates, receipts, signatures) use it.
  const centralClock = new CentralClock(localNow);
  const now = centralClock.now;
  const bus = new EventBus();
  const ctx: KioskContext = { config, network, log, bus, health: new HealthRegistry(bus, now), version, simulator: options.simulator, now };
  const stops: Array<() => Promise<void> | void> = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s();
  };

  try {
    const dataDir = path.resolve(config.dataDir);
    const records = await TechnicianRecordsFile.open(dataDir, now);
    if (records.recovery) log.error({ event: 'technician-records-recovered', recovery: records.recovery }, 'technician records were corrupt at start-up');
    const leds = await startHealthLeds(ctx, { maintenanceUntil: () => records.maintenanceUntil() });
    stops.push(() => leds.stop());

    const store = await RequestStore.open({ dataDir, kioskId: config.kiosk.id, siteCode: config.kiosk.siteCode, now });
    stops.push(() => store.close());
    if (store.recovery) log.error({ event: 'store-recovered', recovery: store.recovery }, 'request store was damaged at start-up');
    else if (store.startup.legacy) log.info({ event: 'store-legacy-imported', legacy: store.startup.legacy }, 'JSON store imported into the database');
    const recovered = store.recovery ? storeHealth(store.recovery, 0).detail ?? 'recovered' : null;
    const ui = new UiLiveness(now, log, config.ui.restartCommand);
    const health = await startKioskHealth(ctx, {
      dataDir,
      store: { get size() { return store.size; }, recovered },
      leds: { lastError: () => leds.driver.lastError, output: leds.driver.output.name, refresh: () => leds.refresh() },
      ui,
    });
    stops.push(() => health.stop());
    const prune = async () => {
      const removed = await store.prune(config.store.pruneSyncedAfterDays).catch((err: Error) => {
        log.error({ event: 'store-prune-failed', err }, 'pruning the request store failed');
        return 0;
      });
      if (removed) log.info({ event: 'store-pruned', removed, left: store.size }, 'pruned requests central already holds');
    };
    await prune();
    const pruneTimer = setInterval(() => void prune(), PRUNE_EVERY_MS);
    pruneTimer.unref();
    stops.push(() => clearInterval(pruneTimer));

    const catalogue = buildCatalogue(network);
    // Receipts are queued on 'request-created', emitted after the durable write.
    const printing = await startPrinting(ctx, { store, catalogue });
    stops.push(() => printing.stop());
    const jobs = new JobTap(now);
    stops.push(jobs.attach(printing.setup.printer));

    const scanner = createScanner(config.devices.scanner, { log: log.child({ module: 'scanner' }) });
    const scannerService = new ScannerService({ scanner, config: config.devices.scanner, bus, health: ctx.health, log, now });
    await scannerService.start(); // a missing scanner is a warning: the keypad still works
    stops.push(() => scannerService.stop());

    let central: SimulatorCentral | null = null;
    if (options.simulator && config.simulator?.startCentral !== false) {
      // One machine, whole flow: a local central that knows this kiosk.
      // Loaded only here, so a production kiosk never loads central's code.
      const { startSimulatorCentral } = await import('../central/simulator.js');
      central = await startSimulatorCentral(config, { dataDir: config.dataDir, log: log.child({ module: 'central-sim' }), now: localNow });
      const started = central;
      stops.push(() => started.close());
    }
    const link = new CentralLink(ctx, store, {
      uiLastSeenAt: () => ui.lastSeenAt(),
      clock: centralClock,
      printerInfo: () => printing.info(),
      // the last of each self-test; who ran it travels in the detail
      selfTests: () => records.latestSelfTests().map((t) => ({ name: t.name, ok: t.ok, at: t.at, detail: `${t.detail} (${t.by})` })),
      ...(central ? { baseUrl: central.url } : {}),
    });
    await link.start();
    stops.push(() => link.stop());
    const maintenanceUntil = records.maintenanceUntil();
    if (maintenanceUntil && maintenanceUntil > now()) void link.setMaintenance(maintenanceUntil);

    const metrics = new KioskMetrics({
      bus,
      health: ctx.health,
      serviceIds: catalogue.map((s) => s.id),
      backlog: () => store.backlog(now()),
      heartbeatFailuresTotal: () => link.heartbeat.failuresTotal,
      eventLoopLagMs: () => health.loop.lagMs,
      uiLastSeenAt: () => ui.lastSeenAt(),
      maintenanceActive: () => (records.maintenanceUntil()?.getTime() ?? 0) > now().getTime(),
      now,
    });
    stops.push(() => metrics.stop());
    const startedAt = now();
    let technicianRef: RunningTechnician | null = null;
    // On both listeners: reprint and the simulator's switches (consumer), test page and LED
    // cycle (technician); each listener refuses the other's paths.
    // Simulator routes are loaded only in simulator mode.
    const simScannerRoute = options.simulator && isScanInjector(scanner) ? [{ plugin: (await import('./routes/sim/scanner.js')).simScannerRoutes, options: { scanner } }] : [];
    const sharedRoutes = [printing.routes, { plugin: ledRoutes, options: { leds, simulator: options.simulator } }, ...simScannerRoute];

    const simCentralRoute = central ? [{ plugin: (await import('./routes/sim/central.js')).simCentralRoutes, options: { client: link.client, kioskId: config.kiosk.id, central } }] : [];
    const parts: AppParts = {
      store,
      catalogue,
      central: link.client,
      startedAt,
      routes: [
        ...sharedRoutes,
        { plugin: eventsRoutes, options: { bus, health: ctx.health } },
        { plugin: paymentRoutes, options: { client: link.client, store, payment: config.payment } },
        { plugin: paymentPrintRoutes, options: { client: link.client, store, printer: printing.setup.printer, paperWidthMm: config.devices.printer.paperWidthMm, site: config.kiosk.name, kioskId: config.kiosk.id, now } },
        { plugin: uiRoutes, options: { health: ctx.health } },
        {
          plugin: uiLivenessRoutes,
          options: { ui, now, maintenanceUntil: () => records.maintenanceUntil(), technician: () => (technicianRef?.url ? { port: Number(new URL(technicianRef.url).port), fingerprint: technicianRef.fingerprint } : null) },
        },
        ...simCentralRoute,
      ],
    };
    const app = await buildApp(ctx, parts);
    consumerRefusesTechnicianRoutes(app);
    health.evaluateUi(); // bundles built is not a touchscreen running

    metrics.observeConsumerApp(app);
    stops.push(() => app.close());
    await app.listen({ host: config.http.host, port: options.port ?? config.http.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.http.port;
    const url = `http://${config.http.host}:${port}`;
    const technician = await startTechnician(ctx, {
      file: loaded.file,
      printer: printing.setup.printer,
      jobs,
      link,
      records,
      ui,
      loop: health.loop,
      metrics,
      backlog: () => store.backlog(now()),
      logs: options.logRing ?? null,
      routes: [...sharedRoutes, { plugin: maintenanceRoutes, options: { link, now, records, onChange: () => void leds.refresh() } }],
      ...(options.technicianPort !== undefined ? { port: options.technicianPort } : {}),
      startedAt,
    });
    stops.push(() => technician.stop());
    technicianRef = technician;
    await leds.ready();
    log.info({ event: 'kiosk-listening', url, technician: technician.url, kiosk: config.kiosk.id, simulator: options.simulator, file: loaded.file }, 'kiosk controller listening');
    return { ctx, app, store, link, central, url, technician, health, records, metrics, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
