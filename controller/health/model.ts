// Pure health rules: each part reports a level and a short machine state;
// the kiosk's overall state is the worst of them.

export type HealthLevel = 'ok' | 'warning' | 'fault';

export interface DeviceHealth {
  level: HealthLevel;
  /** kebab-case machine state, e.g. 'ready', 'paper-end', 'disconnected' */
  state: string;
  /** precise text for technicians */
  detail?: string;
  since: string;
}

const rank: Record<HealthLevel, number> = { ok: 0, warning: 1, fault: 2 };

export function worstLevel(levels: Iterable<HealthLevel>): HealthLevel {
  let worst: HealthLevel = 'ok';
  for (const level of levels) if (rank[level] > rank[worst]) worst = level;
  return worst;
}

/** True when the change is worth an event and a log line (state or level moved). */
export function isSignificantChange(previous: DeviceHealth | undefined, next: Omit<DeviceHealth, 'since'>): boolean {
  return !previous || previous.level !== next.level || previous.state !== next.state || previous.detail !== next.detail;
}
