// On-screen keyboard for the few free-text fields (names, address, details)
// and for typing a reference number. Latin capitals, digits and a few signs:
// enough for a name or a reference; Hindi typing is not offered yet.
import { h, svg } from '../shared/dom.js';
import { S, tx } from './i18n.js';
import { icons } from './icons.js';

export type TextKey = string | 'backspace' | 'space' | 'clear';

type Row = Array<TextKey>;
// Four rows, so the keyboard fits a 1024×600 panel with 64 px keys.
const ROWS: Record<'text' | 'reference', Row[]> = {
  text: [[...'1234567890', 'backspace'], [...'QWERTYUIOP', '-'], [...'ASDFGHJKL', ',', '.'], [...'ZXCVBNM', 'space', '/', 'clear']],
  reference: [[...'1234567890', 'backspace'], [...'QWERTYUIOP', '-'], [...'ASDFGHJKL'], [...'ZXCVBNM', 'clear']],
};

export function textKeyboard(onKey: (key: TextKey) => void, mode: 'text' | 'reference' = 'text'): HTMLElement {
  const key = (k: TextKey) => {
    const label = k === 'backspace' ? svg(icons.backspace) : k === 'clear' ? tx(S.clear) : k === 'space' ? tx(S.space) : k;
    const cls = k === 'space' ? 'tkey tkey-space' : k === 'backspace' || k === 'clear' ? 'tkey tkey-fn' : 'tkey';
    return h('button', { type: 'button', class: cls, 'data-key': k, onclick: () => onKey(k) }, label);
  };
  return h('div', { class: `text-keyboard tk-${mode}`, role: 'group', 'aria-label': 'keyboard' }, ...ROWS[mode].map((r) => h('div', { class: 'tk-row' }, ...r.map(key))));
}

export function applyTextKey(value: string, key: TextKey, maxLength: number): string {
  if (key === 'backspace') return value.slice(0, -1);
  if (key === 'clear') return '';
  if (value.length >= maxLength) return value;
  if (key === 'space') return value === '' || value.endsWith(' ') ? value : value + ' ';
  return value + key;
}
