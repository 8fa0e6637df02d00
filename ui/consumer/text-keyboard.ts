// On-screen keyboards for the free-text fields (names, addresses, details)
// and for typing a reference number. Names and addresses can be typed in
// Hindi on a Devanagari keyboard, or in Latin letters shown as Devanagari
// (transliteration), or in Latin capitals; a reference is Latin only.
import { h, svg } from '../shared/dom.js';
import { CONSONANT_PAGE, VOWEL_PAGE, type DevKey } from './hindi/layout.js';
import { S, tx, type Bilingual } from './i18n.js';
import { icons } from './icons.js';
import type { TextKey, TextMode } from './typing.js';

export type { TextKey, TextMode };

type Key = TextKey | DevKey | { page: 'consonants' | 'vowels' };

const LATIN: Record<'latin' | 'reference' | 'roman', TextKey[][]> = {
  latin: [[...'1234567890', 'backspace'], [...'QWERTYUIOP', '-'], [...'ASDFGHJKL', ',', '.'], [...'ZXCVBNM', 'space', '/', 'clear']],
  reference: [[...'1234567890', 'backspace'], [...'QWERTYUIOP', '-'], [...'ASDFGHJKL'], [...'ZXCVBNM', 'clear']],
  roman: [[...'1234567890', 'backspace'], [...'qwertyuiop', '-'], [...'asdfghjkl', ',', '.'], [...'zxcvbnm', 'space', '/', 'clear']],
};

export const MODE_LABELS: Record<Exclude<TextMode, 'reference'>, Bilingual> = {
  devanagari: { hi: 'हिंदी (क ख ग)', en: 'Hindi (क ख ग)' },
  roman: { hi: 'ABC से हिंदी', en: 'ABC to Hindi' },
  latin: { hi: 'अंग्रेज़ी (ABC)', en: 'English (ABC)' },
};

export interface TextKeyboardOptions {
  mode: TextMode;
  /** Devanagari page (consonants first) */
  page?: 'consonants' | 'vowels';
  onKey(key: TextKey): void;
  onPage?(page: 'consonants' | 'vowels'): void;
}

function keyButton(k: Key, o: TextKeyboardOptions): HTMLElement {
  if (typeof k === 'object' && 'page' in k) {
    const label: Bilingual = k.page === 'vowels' ? { hi: 'अ आ 1', en: 'अ आ 1' } : { hi: 'क ख', en: 'क ख' };
    return h('button', { type: 'button', class: 'tkey tkey-fn tkey-page', 'data-key': `page:${k.page}`, onclick: () => o.onPage?.(k.page) }, tx(label));
  }
  if (typeof k === 'object') return h('button', { type: 'button', class: 'tkey tkey-dev', 'data-key': k.text, onclick: () => o.onKey(k.text) }, k.label);
  const label = k === 'backspace' ? svg(icons.backspace) : k === 'clear' ? tx(S.clear) : k === 'space' ? tx(S.space) : k;
  const cls = k === 'space' ? 'tkey tkey-space' : k === 'backspace' || k === 'clear' ? 'tkey tkey-fn' : 'tkey';
  return h('button', { type: 'button', class: cls, 'data-key': k, onclick: () => o.onKey(k) }, label);
}

export function textKeyboard(o: TextKeyboardOptions): HTMLElement {
  if (o.mode === 'devanagari') {
    // One grid, keys in varnamala order; CSS picks the column count for the panel.
    const vowels = o.page === 'vowels';
    const keys: Key[] = [...(vowels ? VOWEL_PAGE : CONSONANT_PAGE), 'space', { page: vowels ? 'consonants' : 'vowels' }, 'clear'];
    return h('div', { class: 'text-keyboard tk-devanagari', role: 'group', 'aria-label': 'keyboard', 'data-mode': o.mode, 'data-page': vowels ? 'vowels' : 'consonants' }, ...keys.map((k) => keyButton(k, o)));
  }
  return h(
    'div',
    { class: `text-keyboard tk-${o.mode}`, role: 'group', 'aria-label': 'keyboard', 'data-mode': o.mode },
    ...LATIN[o.mode].map((r) => h('div', { class: 'tk-row' }, ...r.map((k) => keyButton(k, o)))),
  );
}

/** The three ways to type a name: Devanagari keys, Latin shown as Devanagari, Latin capitals. */
export function modeSwitch(current: TextMode, onMode: (m: TextMode) => void): HTMLElement {
  const modes = Object.keys(MODE_LABELS) as Array<Exclude<TextMode, 'reference'>>;
  return h(
    'div',
    { class: 'tk-modes', role: 'radiogroup' },
    ...modes.map((m) =>
      h('button', { type: 'button', class: `tk-mode${m === current ? ' chosen' : ''}`, role: 'radio', 'aria-checked': m === current ? 'true' : 'false', 'data-mode': m, onclick: () => onMode(m) }, tx(MODE_LABELS[m])),
    ),
  );
}
