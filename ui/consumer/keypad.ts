// The big on-screen numeric keypad (no OS keyboard on a kiosk).
import { h, svg } from '../shared/dom.js';
import { S, tx } from './i18n.js';
import { icons } from './icons.js';

export type KeypadKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '.' | 'backspace' | 'clear';

export function keypad(onKey: (key: KeypadKey) => void, options: { decimal?: boolean } = {}): HTMLElement {
  const key = (k: KeypadKey, label: Node | string, cls = '') =>
    h('button', { type: 'button', class: `key ${cls}`.trim(), 'data-key': k, onclick: () => onKey(k) }, label);
  const digits = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;
  return h(
    'div',
    { class: 'keypad', role: 'group', 'aria-label': 'keypad' },
    ...digits.map((d) => key(d, d)),
    options.decimal ? key('.', '.') : key('clear', tx(S.clear), 'key-fn'),
    key('0', '0'),
    key('backspace', svg(icons.backspace), 'key-fn'),
  );
}

/** Applies a keypad key to a digit string within maxLength (and one decimal point). */
export function applyKey(value: string, key: KeypadKey, maxLength: number, decimals = 0): string {
  if (key === 'backspace') return value.slice(0, -1);
  if (key === 'clear') return '';
  if (value.length >= maxLength) return value;
  if (key === '.') return decimals > 0 && !value.includes('.') ? (value === '' ? '0.' : value + '.') : value;
  const dot = value.indexOf('.');
  if (dot >= 0 && value.length - dot - 1 >= decimals) return value;
  return value + key;
}
