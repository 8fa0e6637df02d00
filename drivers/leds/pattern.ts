// Pure: what the LEDs show for a health level. Steady green = fine; green +
// blinking amber = working but needs a technician soon (paper low, central
// unreachable, store recovered); steady red = consumers cannot be served
// properly (printer out of paper, store fault); amber alone = starting or
// in maintenance.
import type { LedName, LedPattern } from './types.js';

/** The kiosk's overall health as the LEDs know it (the controller's HealthLevel is the same three words). */
export type HealthLevel = 'ok' | 'warning' | 'fault';
export type KioskCondition = HealthLevel | 'starting' | 'maintenance';

export function patternFor(condition: KioskCondition): LedPattern {
  switch (condition) {
    case 'ok':
      return { green: 'on', amber: 'off', red: 'off' };
    case 'warning':
      return { green: 'on', amber: 'blink', red: 'off' };
    case 'fault':
      return { green: 'off', amber: 'off', red: 'on' };
    case 'starting':
    case 'maintenance':
      return { green: 'off', amber: 'on', red: 'off' };
  }
}

/** The line levels for a pattern at a blink phase (true = lit). */
export function levelsAt(pattern: LedPattern, blinkPhaseOn: boolean): Record<LedName, boolean> {
  const lit = (mode: LedPattern[LedName]) => mode === 'on' || (mode === 'blink' && blinkPhaseOn);
  return { green: lit(pattern.green), amber: lit(pattern.amber), red: lit(pattern.red) };
}
