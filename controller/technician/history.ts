// What happened lately, for the technician page: each part's last 50
// transitions and the last 20 scans (values masked). In memory: the page
// shows this run; central keeps the long record.
import type { EventBus } from '../events/bus.js';
import type { DeviceHealth } from '../health/model.js';
import type { HealthRegistry } from '../health/registry.js';
import { maskMobilesInText } from '../log/mask.js';

export interface Transition {
  level: DeviceHealth['level'];
  state: string;
  detail?: string;
  at: string;
}

export interface ScanRecord {
  kind: string;
  value: string;
  at: string;
}

const KEEP_TRANSITIONS = 50;
const KEEP_SCANS = 20;

/** A scanned value on a page: keep the ends, hide the middle (accounts and UPI links are personal too). */
export function maskScanValue(value: string): string {
  const v = maskMobilesInText(value.replace(/[\u0000-\u001f\u007f]/g, ''));
  if (v.length <= 6) return '•'.repeat(v.length);
  const keep = Math.min(4, Math.floor(v.length / 4));
  return `${v.slice(0, keep)}${'•'.repeat(Math.min(v.length - 2 * keep, 24))}${v.slice(-keep)}`;
}

export class KioskHistory {
  private readonly parts = new Map<string, Transition[]>();
  private readonly scanList: ScanRecord[] = [];
  private readonly owner = {};

  constructor(private readonly bus: EventBus, health: HealthRegistry) {
    for (const [part, h] of Object.entries(health.snapshot().parts)) this.add(part, h);
  }

  start(): void {
    this.bus.on(this.owner, 'device-status', ({ device, health }) => this.add(device, health));
    this.bus.on(this.owner, 'scan', (scan) => {
      this.scanList.push({ kind: scan.kind, value: maskScanValue(scan.value), at: scan.at });
      while (this.scanList.length > KEEP_SCANS) this.scanList.shift();
    });
  }

  stop(): void {
    this.bus.removeListeners(this.owner);
  }

  transitions(): Record<string, Transition[]> {
    return Object.fromEntries([...this.parts].map(([part, list]) => [part, [...list].reverse()]));
  }

  scans(): ScanRecord[] {
    return [...this.scanList].reverse();
  }

  private add(part: string, h: DeviceHealth): void {
    const list = this.parts.get(part) ?? [];
    list.push({ level: h.level, state: h.state, at: h.since, ...(h.detail ? { detail: maskMobilesInText(h.detail) } : {}) });
    while (list.length > KEEP_TRANSITIONS) list.shift();
    this.parts.set(part, list);
  }
}
