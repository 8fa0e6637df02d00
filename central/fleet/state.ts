// Pure heartbeat state rules, healthchecks.io style: a kiosk is up until its
// period has passed since the last heartbeat, late during the grace after
// that, then down. Maintenance pauses all of it until the time set.
import type { KioskState } from '../../protocol/heartbeat.js';

export interface StateInputs {
  lastSeenAt: Date | null;
  periodSeconds: number;
  graceSeconds: number;
  maintenanceUntil: Date | null;
}

export function computeState(k: StateInputs, now: Date): KioskState {
  const t = now.getTime();
  if (k.maintenanceUntil && k.maintenanceUntil.getTime() > t) return 'maintenance';
  if (!k.lastSeenAt) return 'new';
  const age = t - k.lastSeenAt.getTime();
  if (age <= k.periodSeconds * 1000) return 'up';
  if (age <= (k.periodSeconds + k.graceSeconds) * 1000) return 'late';
  return 'down';
}

/** When the state computed now will next change by itself (no heartbeat), or null. */
export function nextDeadline(k: StateInputs, now: Date): Date | null {
  const t = now.getTime();
  if (k.maintenanceUntil && k.maintenanceUntil.getTime() > t) return k.maintenanceUntil;
  if (!k.lastSeenAt) return null;
  const late = k.lastSeenAt.getTime() + k.periodSeconds * 1000;
  if (t <= late) return new Date(late + 1);
  const down = late + k.graceSeconds * 1000;
  if (t <= down) return new Date(down + 1);
  return null;
}

/** Webhooks fire on entering down and on recovering from it (healthchecks' "down"/"up" alerts). */
export function isAlertTransition(from: KioskState, to: KioskState): boolean {
  return (to === 'down' && from !== 'down') || (from === 'down' && to === 'up');
}

export interface Transition {
  at: Date;
  from: KioskState;
  to: KioskState;
}

/**
 * The state in each of `slots` equal slices ending at `now`, for the fleet
 * page's history strip. Each slot shows the worst state seen in it, so a
 * short outage is not hidden by a sample taken either side of it.
 */
export function historyStrip(transitions: readonly Transition[], stateBefore: KioskState, now: Date, slots: number, slotMs: number): KioskState[] {
  const order: Record<KioskState, number> = { new: 0, up: 1, maintenance: 2, late: 3, down: 4 };
  const sorted = [...transitions].sort((a, b) => a.at.getTime() - b.at.getTime());
  const start = now.getTime() - slots * slotMs;
  let state = stateBefore;
  let i = 0;
  while (i < sorted.length && sorted[i]!.at.getTime() <= start) state = sorted[i++]!.to;
  const out: KioskState[] = [];
  for (let s = 0; s < slots; s++) {
    const end = start + (s + 1) * slotMs;
    let worst = state;
    while (i < sorted.length && sorted[i]!.at.getTime() <= end) {
      state = sorted[i++]!.to;
      if (order[state] > order[worst]) worst = state;
    }
    out.push(worst);
  }
  return out;
}
