// One factory choosing the scanner backend from config (never NODE_ENV).
import type { ScannerConfig } from '../../config/schema.js';
import type { DriverLogger as Logger } from '../log.js';
import { HidScanner } from './hid.js';
import { SerialScanner } from './serial.js';
import type { ReconnectOptions, ScanInjector, Scanner } from './types.js';
import { VirtualScanner } from './virtual.js';

export type { Scanner, ScanInjector, ScannerPayload, ScannerStatus, ScannerBackend } from './types.js';
export { SerialScanner } from './serial.js';
export { HidScanner } from './hid.js';
export { VirtualScanner, SocatPtyPair } from './virtual.js';
export { parseScan, classify, cleanPayload, receiptQrPayload, parseReceiptReference, DuplicateFilter } from './parse.js';

export interface CreateScannerDeps {
  log?: Logger;
  /** virtual scanner: where the pty links are made (default: a fresh temp dir) */
  runDir?: string;
  reconnect?: ReconnectOptions;
}

export function createScanner(config: ScannerConfig, deps: CreateScannerDeps = {}): Scanner {
  const common = {
    maxLength: config.maxLength,
    ...(deps.log ? { log: deps.log.child({ device: 'scanner' }) } : {}),
    ...(deps.reconnect ? { reconnect: deps.reconnect } : {}),
  };
  switch (config.type) {
    case 'virtual':
      return new VirtualScanner({ ...common, ...(deps.runDir ? { dir: deps.runDir } : {}) });
    case 'serial':
      return new SerialScanner({ ...common, path: config.path, baudRate: config.baudRate, suffix: config.suffix });
    case 'hid-wedge':
      return new HidScanner({ ...common, mode: 'hid-wedge', vendorId: config.vendorId, productId: config.productId, layout: config.layout });
    case 'hid-pos':
      return new HidScanner({ ...common, mode: 'hid-pos', vendorId: config.vendorId, productId: config.productId });
  }
}

/** True for the virtual scanner, which the simulator route can type into. */
export function isScanInjector(scanner: Scanner): scanner is Scanner & ScanInjector {
  return typeof (scanner as Partial<ScanInjector>).inject === 'function';
}
