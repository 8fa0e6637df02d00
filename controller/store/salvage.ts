// Reads reference numbers out of a damaged file's raw bytes. References are
// stored as plain text (SQLite rows, JSON), so they survive in pages SQLite
// or JSON.parse can no longer read; the highest one bounds what the file may
// have handed out, and the sequence restarts above it.

// At most 7 digits: in SQLite's raw bytes a reference can be followed by a
// digit-valued byte of the next field, so a read may overshoot; capped, the
// overshoot only wastes numbers, which is harmless (reuse is not).
const REFERENCE_IN_BYTES = /KE-[A-Z]{2,4}-\d{6}-(\d{5,7})/g;

export function highestReferenceSequence(bytes: Buffer | string): number {
  const text = typeof bytes === 'string' ? bytes : bytes.toString('latin1');
  let highest = 0;
  for (const m of text.matchAll(REFERENCE_IN_BYTES)) {
    const n = Number(m[1]);
    if (Number.isSafeInteger(n) && n > highest) highest = n;
  }
  return highest;
}
