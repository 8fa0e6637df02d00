// The on-screen Devanagari keyboard, in the order of the varnamala a
// first-time user learnt at school: consonants by place of articulation
// (ka-, cha-, Ta-, ta-, pa-varga), then ya ra la va, sha Sha sa ha and the
// conjuncts, the signs, then the vowel signs (matras). Independent vowels,
// visarga, digits and punctuation are on the second page. The keys flow in
// a grid (14 columns on a landscape panel, 10 in portrait), so the same
// order reads naturally at every size. Pure data: the keyboard draws it.

/** A key's text is what it inserts; `label` shows a dotted circle for a combining sign. */
export interface DevKey {
  text: string;
  label: string;
}

/** Where the backspace key sits in a page (the end of the letters, before the matras). */
export const BACKSPACE = 'backspace';
export type PageKey = DevKey | typeof BACKSPACE;

const DOTTED = '\u25CC';
const sign = (text: string): DevKey => ({ text, label: DOTTED + text });
const letters = (chars: string[]): DevKey[] => chars.map((c) => ({ text: c, label: c }));

/** Every sign the keyboard offers: virama, nukta, anusvara, chandrabindu, visarga. */
export const SIGNS = { virama: '\u094D', nukta: '\u093C', anusvara: '\u0902', chandrabindu: '\u0901', visarga: '\u0903' } as const;

/** Matras: the vowel signs written after (or, for ि, before) a consonant. */
export const MATRAS: DevKey[] = ['\u093E', '\u093F', '\u0940', '\u0941', '\u0942', '\u0943', '\u0947', '\u0948', '\u094B', '\u094C'].map(sign);

// 42 keys before the matras: three rows of 14 on a landscape panel, so the
// matras start a row of their own; in portrait (10 a row) the vargas line up.
export const CONSONANT_PAGE: PageKey[] = [
  ...letters(['क', 'ख', 'ग', 'घ', 'ङ', 'च', 'छ', 'ज', 'झ', 'ञ', 'ट', 'ठ', 'ड', 'ढ', 'ण']),
  ...letters(['त', 'थ', 'द', 'ध', 'न', 'प', 'फ', 'ब', 'भ', 'म']),
  ...letters(['य', 'र', 'ल', 'व', 'श', 'ष', 'स', 'ह', 'क्ष', 'त्र', 'ज्ञ']),
  sign(SIGNS.virama),
  sign(SIGNS.nukta),
  sign(SIGNS.anusvara),
  sign(SIGNS.chandrabindu),
  sign(SIGNS.visarga),
  BACKSPACE,
  ...MATRAS,
];

export const VOWEL_PAGE: PageKey[] = [
  ...letters(['अ', 'आ', 'इ', 'ई', 'उ', 'ऊ', 'ऋ', 'ए', 'ऐ', 'ओ', 'औ', 'अं', 'अः']),
  sign(SIGNS.visarga),
  ...letters(['1', '2', '3', '4', '5', '6', '7', '8', '9', '0']),
  ...letters([',', '.', '-', '/']),
  ...letters(['(', ')', '।']),
  sign(SIGNS.virama),
  sign(SIGNS.nukta),
  sign(SIGNS.anusvara),
  sign(SIGNS.chandrabindu),
  BACKSPACE,
];
