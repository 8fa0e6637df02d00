// Latin → Devanagari for consumers who know Hindi but find letters faster on
// a Latin keyboard ("raam kumaar" → "राम कुमार"). ITRANS through
// @indic-transliteration/sanscript, with `syncope` (Hindi drops the final
// inherent vowel: "ram" is रम, not रम्). Digits, spaces and punctuation are
// kept as typed: house numbers stay in the digits the bill uses.
import Sanscript from '@indic-transliteration/sanscript';

const LETTERS = /[A-Za-z~^.]+/g;

export function romanToDevanagari(roman: string): string {
  // Only runs of letters go through the scheme; a '.' alone (end of a
  // sentence, "H.No.") is punctuation, not ITRANS's nukta/anusvara marker.
  return roman
    .replace(LETTERS, (run) => (/^[.~^]+$/.test(run) ? run : Sanscript.t(run, 'itrans', 'devanagari', { syncope: true })))
    .normalize('NFC');
}
