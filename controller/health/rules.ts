// Pure health rules, one function per part whose state the controller
// derives itself (devices report theirs through their drivers). Each maps
// what is known now to a part's health, so a part recovers as soon as its
// cause is gone. test/unit/health/rules.test.ts runs them as a table.
import type { DeviceHealth, HealthLevel } from './model.js';

export type PartHealth = Omit<DeviceHealth, 'since'>;

/**
 * The touchscreen page: seen within the timeout = ok; never seen within it
 * after start = fault. Durations, not wall times: the kiosk's clock jumps
 * (no RTC; central's time adopted on the first signed reply).
 */
export function uiRule(i: { silentMs: number | null; upMs: number; timeoutSeconds: number; buildFailed: boolean }): PartHealth {
  if (i.buildFailed) return { level: 'fault', state: 'build-failed', detail: 'touchscreen bundles could not be built' };
  const timeoutMs = i.timeoutSeconds * 1000;
  const quiet = i.silentMs ?? i.upMs;
  if (quiet <= timeoutMs) {
    return i.silentMs !== null
      ? { level: 'ok', state: 'running', detail: 'touchscreen page checked in' }
      : { level: 'warning', state: 'waiting', detail: `waiting up to ${i.timeoutSeconds} s for the touchscreen page` };
  }
  return { level: 'fault', state: 'not-running', detail: i.silentMs !== null ? `touchscreen not running: last seen ${Math.round(quiet / 1000)} s ago` : 'touchscreen not running: never seen since start' };
}

/** LEDs: the driver's last write decides; a later good write clears the fault. */
export function ledsRule(i: { lastError: string | null; output: string }): PartHealth {
  return i.lastError ? { level: 'warning', state: 'write-failed', detail: i.lastError } : { level: 'ok', state: 'ready', detail: i.output };
}

/** The data directory: the probe, the last request write and start-up recovery, worst first. */
export function storeRule(i: { probeError: string | null; lastWriteError: string | null; recovered: string | null; size: number }): PartHealth {
  if (i.probeError) return { level: 'fault', state: 'not-writable', detail: i.probeError };
  if (i.lastWriteError) return { level: 'fault', state: 'write-failed', detail: i.lastWriteError };
  if (i.recovered) return { level: 'warning', state: 'recovered', detail: i.recovered };
  return { level: 'ok', state: 'ready', detail: `${i.size} requests on disk` };
}

/** What the LEDs show: maintenance outranks health (a technician is at the box). */
export function ledCondition(level: HealthLevel, maintenanceUntil: Date | null, now: Date): HealthLevel | 'maintenance' {
  return maintenanceUntil && maintenanceUntil.getTime() > now.getTime() ? 'maintenance' : level;
}

/** The watchdog is petted while the event loop and the health loop run; device and store faults do not count. */
export function watchdogAlive(i: { sinceTickMs: number | null; tickMs: number; lagMs: number; maxLagMs: number }): boolean {
  if (i.sinceTickMs === null) return false;
  return i.sinceTickMs <= 3 * i.tickMs + i.maxLagMs && i.lagMs <= i.maxLagMs;
}
