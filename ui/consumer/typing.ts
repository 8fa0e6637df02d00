// What a text key does to the value, for every keyboard mode. Pure, so the
// rules (one space at a time, the length limit, transliteration) are tested
// without a browser.
//   latin / reference: Latin capitals, digits, a few signs (English fields, references)
//   devanagari: each key inserts its Unicode text; backspace removes one code
//     point (a matra, then its consonant), as Indic phone keyboards do
//   roman: Latin letters typed into a buffer that is shown transliterated;
//     switching mode commits the Devanagari
import { romanToDevanagari } from './hindi/transliterate.js';

export type TextMode = 'devanagari' | 'roman' | 'latin' | 'reference';
export type TextKey = string | 'backspace' | 'space' | 'clear';

export interface Typing {
  /** text fixed so far (Unicode, NFC) */
  committed: string;
  /** Latin letters of the roman mode, not yet committed */
  roman: string;
}

export const emptyTyping = (value = ''): Typing => ({ committed: value, roman: '' });

/** The field's value: committed text plus the transliterated buffer. */
export function typedValue(t: Typing): string {
  return (t.committed + (t.roman ? romanToDevanagari(t.roman) : '')).normalize('NFC');
}

/** Changing keyboard mode fixes what the roman buffer shows. */
export function commitTyping(t: Typing): Typing {
  return { committed: typedValue(t), roman: '' };
}

const length = (s: string) => [...s].length;

export function applyTyping(t: Typing, key: TextKey, mode: TextMode, maxLength: number): Typing {
  if (key === 'clear') return { committed: '', roman: '' };
  if (mode === 'roman') {
    if (key === 'backspace') return t.roman ? { ...t, roman: t.roman.slice(0, -1) } : { committed: [...t.committed].slice(0, -1).join(''), roman: '' };
    if (key === 'space') {
      const v = typedValue(t);
      return v === '' || v.endsWith(' ') || length(v) >= maxLength ? t : { committed: v + ' ', roman: '' };
    }
    const next = { ...t, roman: t.roman + key };
    return length(typedValue(next)) > maxLength ? t : next;
  }
  const value = typedValue(t);
  if (key === 'backspace') return { committed: [...value].slice(0, -1).join(''), roman: '' };
  if (key === 'space') return { committed: value === '' || value.endsWith(' ') || length(value) >= maxLength ? value : value + ' ', roman: '' };
  const next = (value + key).normalize('NFC');
  return { committed: length(next) > maxLength ? value : next, roman: '' };
}

/** Does the text contain Devanagari? (The receipt shapes such lines as raster.) */
export const hasDevanagari = (s: string) => /[\u0900-\u097F]/.test(s);
