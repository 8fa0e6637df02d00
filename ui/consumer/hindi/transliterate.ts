// Latin → Devanagari for consumers who know Hindi but find letters faster on
// a Latin keyboard ("raam kumaar" → "राम कुमार"). ITRANS through
// @indic-transliteration/sanscript, with `syncope` (Hindi drops the final
// inherent vowel: "ram" is रम, not रम्). Digits, spaces and punctuation are
// kept as typed: house numbers stay in the digits the bill uses.
import SanscriptModule from '@indic-transliteration/sanscript';

// A CommonJS module typed as `export default`: bundlers hand over the object
// itself, Node's ESM loader (tests) the same; the types differ by resolver.
interface SanscriptApi {
  t(data: string, from: string, to: string, options?: { syncope?: boolean }): string;
}
const loaded = SanscriptModule as unknown as SanscriptApi & { default?: SanscriptApi };
const Sanscript: SanscriptApi = typeof loaded.t === 'function' ? loaded : loaded.default!;

// Only runs of letters go through the scheme: '.' stays a full stop (in
// ITRANS it would be a danda or a nukta marker), as in "h.no. 12".
const LETTERS = /[A-Za-z]+/g;

export function romanToDevanagari(roman: string): string {
  return roman.replace(LETTERS, (run) => Sanscript.t(run, 'itrans', 'devanagari', { syncope: true })).normalize('NFC');
}
