// Pure decoding of USB HID boot-keyboard input reports, as sent by a scanner in
// keyboard-wedge mode. Report layout (HID 1.11, Appendix B.1):
//   byte 0  modifier bits: 0 LCtrl, 1 LShift, 2 LAlt, 3 LGUI, 4 RCtrl, 5 RShift, 6 RAlt, 7 RGUI
//   byte 1  reserved
//   byte 2-7 up to six usage IDs of keys currently down (Keyboard/Keypad page 0x07)
// A report is the *state* of the keyboard, so a character is produced only on
// the key-down edge: a held key repeated in the next report, and the all-zero
// release report, produce nothing.

export const MOD_LEFT_CTRL = 0x01;
export const MOD_LEFT_SHIFT = 0x02;
export const MOD_LEFT_ALT = 0x04;
export const MOD_RIGHT_CTRL = 0x10;
export const MOD_RIGHT_SHIFT = 0x20;
export const MOD_RIGHT_ALT = 0x40;
const SHIFT = MOD_LEFT_SHIFT | MOD_RIGHT_SHIFT;
const CTRL_OR_ALT = MOD_LEFT_CTRL | MOD_RIGHT_CTRL | MOD_LEFT_ALT;

/** Usage IDs of the Keyboard/Keypad page (HID Usage Tables §10). */
export const USAGE = {
  ERROR_ROLL_OVER: 0x01,
  A: 0x04,
  Z: 0x1d,
  DIGIT_1: 0x1e,
  DIGIT_0: 0x27,
  ENTER: 0x28,
  ESCAPE: 0x29,
  BACKSPACE: 0x2a,
  TAB: 0x2b,
  SPACE: 0x2c,
  CAPS_LOCK: 0x39,
  KEYPAD_ENTER: 0x58,
} as const;

/** usage ID → [unshifted, shifted] character. */
export type KeyboardLayout = ReadonlyMap<number, readonly [string, string]>;

function usLayout(): KeyboardLayout {
  const map = new Map<number, readonly [string, string]>();
  for (let i = 0; i < 26; i++) {
    const c = String.fromCharCode(0x61 + i);
    map.set(USAGE.A + i, [c, c.toUpperCase()]);
  }
  const digits = '1234567890';
  const shifted = '!@#$%^&*()';
  for (let i = 0; i < 10; i++) map.set(USAGE.DIGIT_1 + i, [digits[i]!, shifted[i]!]);
  const rest: Array<[number, string, string]> = [
    [0x2c, ' ', ' '],
    [0x2d, '-', '_'],
    [0x2e, '=', '+'],
    [0x2f, '[', '{'],
    [0x30, ']', '}'],
    [0x31, '\\', '|'],
    [0x33, ';', ':'],
    [0x34, "'", '"'],
    [0x35, '`', '~'],
    [0x36, ',', '<'],
    [0x37, '.', '>'],
    [0x38, '/', '?'],
    // Keypad: scanners set to "emulate keypad" send digits here; NumLock is assumed on.
    [0x54, '/', '/'],
    [0x55, '*', '*'],
    [0x56, '-', '-'],
    [0x57, '+', '+'],
    [0x59, '1', '1'],
    [0x5a, '2', '2'],
    [0x5b, '3', '3'],
    [0x5c, '4', '4'],
    [0x5d, '5', '5'],
    [0x5e, '6', '6'],
    [0x5f, '7', '7'],
    [0x60, '8', '8'],
    [0x61, '9', '9'],
    [0x62, '0', '0'],
    [0x63, '.', '.'],
  ];
  for (const [usage, plain, shift] of rest) map.set(usage, [plain, shift]);
  return map;
}

export const LAYOUTS: Readonly<Record<string, KeyboardLayout>> = { us: usLayout() };

export type LayoutName = keyof typeof LAYOUTS;

export function getLayout(name: string): KeyboardLayout {
  const layout = LAYOUTS[name];
  if (!layout) throw new RangeError(`unknown keyboard layout "${name}"; known: ${Object.keys(LAYOUTS).join(', ')}`);
  return layout;
}

export interface KeyboardDecoderOptions {
  layout?: string;
  /** longest code kept; longer codes are reported once, truncated, with overflow set */
  maxLength: number;
}

export interface KeyboardPayload {
  text: string;
  overflow: boolean;
}

const TERMINATORS = new Set<number>([USAGE.ENTER, USAGE.KEYPAD_ENTER, USAGE.TAB]);

export class KeyboardDecoder {
  private readonly layout: KeyboardLayout;
  private readonly maxLength: number;
  private pressed = new Set<number>();
  private text = '';
  private overflow = false;

  constructor(options: KeyboardDecoderOptions) {
    this.layout = getLayout(options.layout ?? 'us');
    this.maxLength = options.maxLength;
  }

  /** Feeds one input report; returns the codes completed by it (normally zero or one). */
  push(report: Uint8Array): KeyboardPayload[] {
    // hidraw prefixes a report ID when the descriptor declares one: 9 bytes.
    const r = report.length === 9 ? report.subarray(1) : report;
    if (r.length < 3) return [];
    const modifiers = r[0]!;
    const keys = [...r.subarray(2, 8)].filter((u) => u !== 0);
    // Phantom state (too many keys): the report says nothing reliable; keep the old state.
    if (keys.some((u) => u === USAGE.ERROR_ROLL_OVER || u === 0x02 || u === 0x03)) return [];

    const done: KeyboardPayload[] = [];
    const now = new Set(keys);
    for (const usage of keys) {
      if (this.pressed.has(usage)) continue; // held, not a new press
      if (TERMINATORS.has(usage)) {
        if (this.text.length > 0 || this.overflow) done.push({ text: this.text, overflow: this.overflow });
        this.text = '';
        this.overflow = false;
        continue;
      }
      // Ctrl/Alt chords are not characters (some scanners send Ctrl+] for GS); drop them.
      if (modifiers & CTRL_OR_ALT) continue;
      const chars = this.layout.get(usage);
      if (!chars) continue; // function keys, caps lock, etc.: not part of a code
      if (this.text.length >= this.maxLength) {
        this.overflow = true;
        continue;
      }
      this.text += modifiers & SHIFT ? chars[1] : chars[0];
    }
    this.pressed = now;
    return done;
  }

  reset(): void {
    this.pressed = new Set();
    this.text = '';
    this.overflow = false;
  }
}

/**
 * Encodes text as the report sequence a wedge scanner sends: key down, then an
 * all-zero release for every character, then Enter. Used by the virtual HID
 * replay and by tests; throws on a character the layout cannot type.
 */
export function encodeKeyboardReports(text: string, options: { layout?: string; terminator?: 'enter' | 'tab' | 'none' } = {}): Uint8Array[] {
  const layout = getLayout(options.layout ?? 'us');
  const reverse = new Map<string, [number, number]>();
  // First match wins, so main-block keys are preferred over the keypad.
  for (const [usage, [plain, shift]] of layout) {
    if (!reverse.has(plain)) reverse.set(plain, [usage, 0]);
    if (!reverse.has(shift)) reverse.set(shift, [usage, MOD_LEFT_SHIFT]);
  }
  const release = new Uint8Array(8);
  const reports: Uint8Array[] = [];
  for (const ch of text) {
    const key = reverse.get(ch);
    if (!key) throw new RangeError(`character ${JSON.stringify(ch)} is not on the ${options.layout ?? 'us'} layout`);
    reports.push(Uint8Array.of(key[1], 0, key[0], 0, 0, 0, 0, 0), release);
  }
  const terminator = options.terminator ?? 'enter';
  if (terminator !== 'none') reports.push(Uint8Array.of(0, 0, terminator === 'enter' ? USAGE.ENTER : USAGE.TAB, 0, 0, 0, 0, 0), release);
  return reports;
}
