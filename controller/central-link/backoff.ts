// Pure retry timing: exponential with "equal jitter" (half fixed, half
// random), capped. Never zero, so a dead central is never hammered, and
// spread out, so a fleet coming back online does not retry in lock-step.

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/** Delay before retry number `attempt` (1 = first retry). `random` returns [0, 1). */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const n = Math.max(1, Math.floor(attempt));
  // 2 ** 60 overflows nothing in doubles, but cap the exponent to keep it obvious.
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(n - 1, 40));
  const half = ceiling / 2;
  return Math.round(half + random() * half);
}
