// One factory: the transport comes from config, never from NODE_ENV. For
// `virtual`, the virtual printer runs in-process on `port` and the real
// driver reaches it over TCP, exactly as it would a network printer.
import type { PrinterConfig } from '../../config/schema.js';
import { EscPosPrinter, type DriverLog } from './driver.js';
import type { BackoffOptions } from './port-base.js';
import { SerialPrinterPort, type SerialOpener } from './serial.js';
import { TcpPort } from './tcp.js';
import type { PrinterPort } from './types.js';
import { UsbPrinterPort, type DeviceOpener } from './usb.js';
import { VirtualPrinter } from './virtual.js';

export { EscPosPrinter } from './driver.js';
export { VirtualPrinter, describeJob, jobMarks, VIRTUAL_PROFILES, type VirtualJob, type VirtualCondition, type VirtualProfile } from './virtual.js';
export { encodeDocument } from './escpos.js';
export { printerHealth } from './status.js';
export type { ConfirmInfo, ConfirmMethod, Printer, PrinterStatus, PrintFailure, PrintOutcome, RawPrinterStatus } from './types.js';
export type { PrintDocument, DocBlock } from './document.js';

export interface PrinterDeps {
  log?: DriverLog;
  /** where the virtual printer writes job PNGs */
  jobsDir?: string;
  now?: () => Date;
  backoff?: BackoffOptions;
  /** test seams for the native transports */
  openSerial?: SerialOpener;
  openUsb?: DeviceOpener;
}

export interface PrinterSetup {
  printer: EscPosPrinter;
  /** set when config.type is 'virtual' (the simulator routes drive it) */
  virtual: VirtualPrinter | null;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createPrinter(config: PrinterConfig, deps: PrinterDeps = {}): PrinterSetup {
  const common = {
    paperWidthMm: config.paperWidthMm, statusPollMs: config.statusPollMs, statusTimeoutMs: config.statusTimeoutMs,
    confirm: config.confirm, confirmTimeoutMs: config.confirmTimeoutMs, now: deps.now, log: deps.log,
  };
  const portLog = deps.log;
  if (config.type === 'virtual') {
    const virtual = new VirtualPrinter({ port: config.port, host: '127.0.0.1', paperWidthMm: config.paperWidthMm, profile: config.profile, jobsDir: deps.jobsDir, now: deps.now, log: deps.log });
    const printer = new EscPosPrinter(new TcpPort({ host: '127.0.0.1', port: () => virtual.port, backoff: deps.backoff, log: portLog }), common);
    return {
      printer,
      virtual,
      async start() {
        await virtual.start();
        printer.start();
      },
      async stop() {
        await printer.stop();
        await virtual.stop();
      },
    };
  }
  const printer = new EscPosPrinter(createPort(config, deps), common);
  return {
    printer,
    virtual: null,
    start: async () => printer.start(),
    stop: () => printer.stop(),
  };
}

function createPort(config: Exclude<PrinterConfig, { type: 'virtual' }>, deps: PrinterDeps): PrinterPort {
  switch (config.type) {
    case 'tcp':
      return new TcpPort({ host: config.host, port: config.port, backoff: deps.backoff, log: deps.log });
    case 'serial':
      return new SerialPrinterPort({ path: config.path, baudRate: config.baudRate, rtscts: config.rtscts, xon: config.xon, backoff: deps.backoff, log: deps.log, open: deps.openSerial });
    case 'usb':
      return new UsbPrinterPort({ path: config.path, backoff: deps.backoff, log: deps.log, open: deps.openUsb });
  }
}
