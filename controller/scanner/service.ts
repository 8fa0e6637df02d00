// Glue between a scanner driver and the kiosk: payload → clean/classify →
// duplicate suppression → bus 'scan' event; driver status → health 'scanner'.
// Bad bytes never throw out of here and never change anything but an
// 'unknown' scan event.
import type { ScannerConfig } from '../../config/schema.js';
import { DuplicateFilter, parseScan, type ParsedScan } from '../../drivers/scanner/parse.js';
import type { Scanner, ScannerPayload, ScannerStatus } from '../../drivers/scanner/types.js';
import type { EventBus, ScanEvent } from '../events/bus.js';
import type { HealthRegistry } from '../health/registry.js';
import type { DeviceHealth } from '../health/model.js';
import type { Logger } from '../log/logger.js';

export interface ScannerServiceDeps {
  scanner: Scanner;
  config: Pick<ScannerConfig, 'aimPrefix' | 'maxLength' | 'duplicateWindowMs'>;
  bus: EventBus;
  health: HealthRegistry;
  log: Logger;
  now?: () => Date;
}

export const HEALTH_PART = 'scanner';

/** Scanner status → kiosk health. A missing scanner is a warning: the keypad still works. */
export function scannerHealth(status: ScannerStatus): Omit<DeviceHealth, 'since'> {
  switch (status.state) {
    case 'ready':
      return { level: 'ok', state: 'ready', detail: status.device };
    case 'starting':
      return { level: 'warning', state: 'starting' };
    case 'stopped':
      return { level: 'warning', state: 'stopped' };
    case 'error':
      return { level: 'warning', state: status.cause, detail: status.detail };
  }
}

export class ScannerService {
  private readonly dedupe: DuplicateFilter;
  private readonly now: () => Date;
  private unsubscribe: Array<() => void> = [];

  constructor(private readonly deps: ScannerServiceDeps) {
    this.dedupe = new DuplicateFilter(deps.config.duplicateWindowMs);
    this.now = deps.now ?? (() => new Date());
  }

  async start(): Promise<void> {
    if (this.unsubscribe.length > 0) return;
    const { scanner, health } = this.deps;
    this.unsubscribe.push(
      scanner.onScan((payload) => this.handle(payload)),
      scanner.onStatus((status) => health.set(HEALTH_PART, scannerHealth(status))),
    );
    health.set(HEALTH_PART, scannerHealth(scanner.status()));
    await scanner.start();
  }

  async stop(): Promise<void> {
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
    await this.deps.scanner.stop();
    this.deps.health.set(HEALTH_PART, scannerHealth(this.deps.scanner.status()));
  }

  /** One payload → at most one scan event. Public so tests and HID replays can feed it directly. */
  handle(payload: ScannerPayload): ScanEvent | null {
    const { config, bus, log } = this.deps;
    let parsed: ParsedScan;
    try {
      // HID-POS delivers the AIM identifier out of band; put it back in front so parse strips it the same way.
      const bytes = payload.symbology && config.aimPrefix ? Buffer.concat([Buffer.from(payload.symbology, 'latin1'), payload.bytes]) : payload.bytes;
      parsed = parseScan(bytes, config, payload.overflow === true);
    } catch (err) {
      log.error({ event: 'scanner-parse-error', err: err instanceof Error ? err.message : String(err) }, 'scan parse failed');
      return null;
    }
    const at = this.now();
    if (!this.dedupe.accept(`${parsed.kind}\u0000${parsed.value}`, at.getTime())) {
      log.debug({ event: 'scanner-scan-duplicate', kind: parsed.kind }, 'duplicate scan suppressed');
      return null;
    }
    const event: ScanEvent = { type: 'scan', kind: parsed.kind, value: parsed.value, at: at.toISOString() };
    if (parsed.detail) event.detail = parsed.detail;
    // Log the kind and size only: a scanned code can be personal (account numbers, ID cards).
    log.info({ event: 'scanner-scan', kind: parsed.kind, length: parsed.value.length }, 'scan');
    bus.emit('scan', event);
    return event;
  }
}
