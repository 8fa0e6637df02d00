// Typing rules of the touchscreen's text keyboards: Devanagari keys,
// Latin→Devanagari transliteration, Latin capitals; the length limit and
// one space at a time.
import t from 'tap';
import { applyTyping, commitTyping, emptyTyping, typedValue, type TextKey, type TextMode, type Typing } from '../../../ui/consumer/typing.js';
import { romanToDevanagari } from '../../../ui/consumer/hindi/transliterate.js';
import { BACKSPACE, CONSONANT_PAGE, MATRAS, SIGNS, VOWEL_PAGE, type DevKey, type PageKey } from '../../../ui/consumer/hindi/layout.js';

const type = (keys: TextKey[], mode: TextMode, max = 100, start: Typing = emptyTyping()): Typing => keys.reduce((s, k) => applyTyping(s, k, mode, max), start);

t.test('Devanagari keys build shaped-to-be Unicode, backspace removes one code point', async (t) => {
  const s = type(['स', '\u0941', 'न', '\u0940', 'त', '\u093E'], 'devanagari');
  t.equal(typedValue(s), 'सुनीता');
  t.equal(typedValue(applyTyping(s, 'backspace', 'devanagari', 100)), 'सुनीत', 'the matra goes first');
  t.equal(typedValue(type(['क', SIGNS.virama, 'ष', 'म', '\u093E'], 'devanagari')), 'क्षमा', 'virama makes the conjunct');
  t.equal(typedValue(type(['ज', SIGNS.nukta, 'ि', 'य', '\u093E'], 'devanagari')), 'ज़िया'.normalize('NFC'), 'nukta, stored in NFC');
  t.equal(typedValue(type(['ह', SIGNS.anusvara, 'स'], 'devanagari')), 'हंस');
  t.equal(typedValue(type(['च', SIGNS.chandrabindu, 'द'], 'devanagari')), 'चँद');
  t.equal(typedValue(type(['र', 'ा', 'म', 'space', 'space', 'क'], 'devanagari')), 'राम क', 'one space at a time');
  t.equal(typedValue(type(['क', 'ख', 'ग'], 'devanagari', 2)), 'कख', 'length limit in characters');
  t.equal(typedValue(type(['क', 'ख', 'space'], 'devanagari', 2)), 'कख', 'a space counts too');
  t.equal(typedValue(type(['A', 'B', 'space'], 'latin', 2)), 'AB', 'in every mode');
  t.equal(typedValue(type([...'ka', 'space'], 'roman', 1)), 'क', 'and when transliterating');
  t.equal(typedValue(applyTyping(s, 'clear', 'devanagari', 100)), '');
});

t.test('transliteration: Latin letters shown as Devanagari, Hindi schwa deletion, digits kept', async (t) => {
  t.equal(romanToDevanagari('raam kumaar'), 'राम कुमार');
  t.equal(romanToDevanagari('sunItA devI'), 'सुनीता देवी');
  t.equal(romanToDevanagari('ram'), 'रम', 'no virama at the end of a word');
  t.equal(romanToDevanagari('makaan 12, kidavaI nagar'), 'मकान 12, किदवई नगर', 'house numbers stay in the digits typed');
  t.equal(romanToDevanagari('makaan na. 5.'), 'मकान न. 5.', 'a full stop stays a full stop');

  let s = type([...'raam'], 'roman');
  t.equal(s.roman, 'raam', 'the Latin buffer is kept for display');
  t.equal(typedValue(s), 'राम');
  s = type(['space', ...'kumaar'], 'roman', 100, s);
  t.equal(typedValue(s), 'राम कुमार');
  s = applyTyping(s, 'backspace', 'roman', 100);
  t.equal(s.roman, 'kumaa', 'backspace edits the Latin buffer');
  t.equal(typedValue(s), 'राम कुमा');
  const committed = commitTyping(s);
  t.same(committed, { committed: 'राम कुमा', roman: '' }, 'changing mode fixes the Devanagari');
  t.equal(typedValue(type(['र'], 'devanagari', 100, committed)), 'राम कुमार', 'and typing goes on from there');
  t.equal(typedValue(applyTyping(emptyTyping('कम'), 'backspace', 'roman', 100)), 'क', 'backspace past the buffer removes committed text');
  t.equal(typedValue(type([...'aaaaaaaa'], 'roman', 3)), 'आआआ', 'the limit applies to the Devanagari');
});

t.test('Latin and reference modes type as before', async (t) => {
  t.equal(typedValue(type([...'KE-DLS', 'backspace'], 'reference')), 'KE-DL');
  t.equal(typedValue(type(['A', 'space', 'B'], 'latin')), 'A B');
});

t.test('the keyboard layout has every letter a name needs, each once per page', async (t) => {
  const keysOf = (page: PageKey[]) => page.filter((k): k is DevKey => k !== BACKSPACE).map((k) => k.text);
  const texts = keysOf(CONSONANT_PAGE);
  for (const c of 'कखगघङचछजझञटठडढणतथदधनपफबभमयरलवशषसह') t.ok(texts.includes(c), `consonant ${c}`);
  for (const m of MATRAS) t.ok(texts.includes(m.text), `matra ${m.label}`);
  for (const sgn of [SIGNS.virama, SIGNS.nukta, SIGNS.anusvara, SIGNS.chandrabindu]) t.ok(texts.includes(sgn), `sign U+${sgn.codePointAt(0)!.toString(16)}`);
  t.equal(new Set(texts).size, texts.length, 'no key twice');
  const vowels = keysOf(VOWEL_PAGE);
  for (const v of ['अ', 'आ', 'इ', 'ई', 'उ', 'ऊ', 'ऋ', 'ए', 'ऐ', 'ओ', 'औ', SIGNS.visarga]) t.ok(vowels.includes(v), `vowel ${v}`);
  // With space (2 columns), page and clear: four rows of 14, the matras starting the fourth.
  t.equal(CONSONANT_PAGE.length + 4, 56, 'consonant page fills four rows of 14');
  t.equal(CONSONANT_PAGE.findIndex((k) => k !== BACKSPACE && k.text === MATRAS[0]!.text), 42, 'matras start a row');
  t.ok(VOWEL_PAGE.length + 4 <= 56, 'vowel page fits too');
});
