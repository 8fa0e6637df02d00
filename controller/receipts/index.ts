// Wires the printer, the print queue and their routes into a running kiosk.
// main/kiosk.ts calls startPrinting() after the request store is open and
// before buildApp(), passes `routes` to the app, and calls stop() on the way
// down. Receipts are queued from the bus's 'request-created' event, which the
// submit action emits after the request's durable write (before the 201).
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { createPrinter, type PrinterSetup } from '../../drivers/printer/index.js';
import type { KioskContext } from '../context.js';
import { printerRoutes, type PrinterRoutesOptions } from '../routes/printer/index.js';
import type { ServiceSpec } from '../services/types.js';
import { DurableJsonFile } from '../store/durable-json-file.js';
import type { ReceiptStore, StoredRequest } from '../store/types.js';
import { PrintQueue, validateQueueFile, watchPrinterHealth, type QueueFile } from './print-queue.js';
import { receiptRenderer } from './render.js';

export { PrintQueue, watchPrinterHealth } from './print-queue.js';
export { buildReceipt } from './layout.js';
export { buildTestPage } from './test-page.js';
export { receiptRenderer } from './render.js';

/** What the printing concern needs of the request store. */
export interface PrintingStore extends ReceiptStore {
  all(): readonly StoredRequest[];
  findForConsumer(reference: string, mobile: string): StoredRequest | undefined;
}

export interface Printing {
  setup: PrinterSetup;
  queue: PrintQueue;
  /** for heartbeats: the confirmation method and marked copies since start */
  info(): { confirm: 'gs-r' | 'status' | 'none' | 'unknown'; copies: number };
  /** add to AppParts.routes */
  routes: { plugin: FastifyPluginAsync<PrinterRoutesOptions>; options: PrinterRoutesOptions };
  stop(): Promise<void>;
}

export async function startPrinting(ctx: KioskContext, deps: { store: PrintingStore; catalogue: readonly ServiceSpec[] }): Promise<Printing> {
  const { config } = ctx;
  const dataDir = path.resolve(config.dataDir);
  const log = ctx.log.child({ module: 'printer' });
  const setup = createPrinter(config.devices.printer, { log, jobsDir: path.join(dataDir, 'printer-jobs'), now: ctx.now });
  const queue = new PrintQueue({
    printer: setup.printer,
    store: deps.store,
    file: new DurableJsonFile<QueueFile>(path.join(dataDir, 'print-queue.json'), validateQueueFile, ctx.now),
    render: receiptRenderer(deps.catalogue, config),
    log,
    bus: ctx.bus,
    health: ctx.health,
    now: ctx.now,
  });
  const owner = {};
  let unwatch: (() => void) | null = null;
  const stop = async () => {
    ctx.bus.removeListeners(owner);
    await queue.stop();
    unwatch?.();
    await setup.stop();
  };
  try {
    await setup.start();
    unwatch = watchPrinterHealth(setup.printer, ctx.health);
    await queue.start(deps.store.all());
    ctx.bus.on(owner, 'request-created', ({ reference }) => {
      queue.enqueue(reference).catch((err: Error) => log.error({ event: 'receipt-queue-write-failed', reference, err: err.message }, 'could not queue receipt'));
    });
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    setup,
    queue,
    info: () => ({ confirm: setup.printer.confirmation.method ?? 'unknown', copies: queue.summary().copiesSinceStart }),
    routes: {
      plugin: printerRoutes,
      options: {
        queue,
        findForConsumer: (reference, mobile) => deps.store.findForConsumer(reference, mobile),
        printer: setup.printer,
        testPage: { kioskId: config.kiosk.id, version: ctx.version, site: config.kiosk.name, paperWidthMm: config.devices.printer.paperWidthMm },
        now: ctx.now,
        virtual: setup.virtual,
        simulator: ctx.simulator,
      },
    },
    stop,
  };
}
