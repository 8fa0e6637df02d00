// Aadhaar numbers do not belong in a complaint's free text: they are stored
// on the kiosk and forwarded to the help desk. A 12-digit number whose
// Verhoeff check digit holds (the checksum UIDAI uses) and which does not
// start with 0 or 1 is taken for one and replaced before anything is kept.

// Verhoeff tables: multiplication in the dihedral group D5, the position
// permutation, and the inverse.
const D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6], [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1], [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2], [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1], [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];
const INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

/** True when the digit string, check digit last, passes the Verhoeff check. */
export function verhoeffValid(digits: string): boolean {
  let c = 0;
  const n = digits.length;
  for (let i = 0; i < n; i++) c = D[c]![P[i % 8]![Number(digits[n - 1 - i])]!]!;
  return c === 0;
}

/** The Verhoeff check digit for `digits` (used by tests to build valid numbers). */
export function verhoeffCheckDigit(digits: string): number {
  let c = 0;
  const n = digits.length;
  for (let i = 0; i < n; i++) c = D[c]![P[(i + 1) % 8]![Number(digits[n - 1 - i])]!]!;
  return INV[c]!;
}

export const AADHAAR_MASK = 'XXXX XXXX XXXX';

// 12 digits, written together or in groups of 4 split by a space or hyphen,
// not part of a longer number.
const CANDIDATE = /(?<!\d)([2-9]\d{3})[ -]?(\d{4})[ -]?(\d{4})(?!\d)/g;

export function redactAadhaar(text: string): { text: string; redacted: number } {
  let redacted = 0;
  const out = text.replace(CANDIDATE, (whole, a: string, b: string, c: string) => {
    if (!verhoeffValid(a + b + c)) return whole;
    redacted++;
    return AADHAAR_MASK;
  });
  return { text: out, redacted };
}
