// Three health LEDs on the kiosk's front (green / amber / red), so the guard
// knows at a glance whether the box is fine.

export const LED_NAMES = ['green', 'amber', 'red'] as const;
export type LedName = (typeof LED_NAMES)[number];
export type LedMode = 'off' | 'on' | 'blink';
export type LedPattern = Record<LedName, LedMode>;

/** One physical (or virtual) output line per LED. */
export interface LedOutput {
  readonly name: string;
  open(): Promise<void>;
  write(led: LedName, on: boolean): Promise<void>;
  close(): Promise<void>;
}
