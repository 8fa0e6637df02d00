// Timer seam: production uses Node's timers (unref'd, so they never hold the
// process open); tests pass scaled or manual timers to compress an hour.

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout(fn, ms) {
    const h = setTimeout(fn, ms);
    h.unref();
    return h;
  },
  clearTimeout(handle) {
    clearTimeout(handle as NodeJS.Timeout);
  },
};
