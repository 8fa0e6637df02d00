// The one rule for every secret and token, on central and on the kiosk:
// outside simulator/dev mode a secret that is short, patterned or a
// placeholder is refused at start-up, because a shipped example secret that
// "works" in production is how a payment gets marked paid by a stranger.
// Pure: callers name the file and field in their own error.
import { randomBytes } from 'node:crypto';

export const SECRET_MIN_LENGTH = 32;
/** Words that mark an example, never a real secret (compared case-insensitively). */
export const PLACEHOLDER_WORDS = ['change-me', 'changeme', 'dev-', 'secret', 'example', 'placeholder', 'password'] as const;
/** A random 32-character base64url string has about 25 distinct characters; a typed phrase far fewer. */
const MIN_DISTINCT = 12;
const MAX_RUN = 3;

/** Why `value` is not acceptable as a production secret, or null when it is. */
export function secretProblem(value: string | undefined | null): string | null {
  if (value === undefined || value === null || value === '') return 'is missing';
  const lower = value.toLowerCase();
  const word = PLACEHOLDER_WORDS.find((w) => lower.includes(w));
  if (word) return `contains the placeholder word "${word}"`;
  if (value.length < SECRET_MIN_LENGTH) return `is ${value.length} characters; at least ${SECRET_MIN_LENGTH} random characters are needed`;
  if (new Set(value).size < MIN_DISTINCT) return `does not look random (only ${new Set(value).size} distinct characters)`;
  let run = 1;
  let sequence = 1;
  for (let i = 1; i < value.length; i++) {
    run = value[i] === value[i - 1] ? run + 1 : 1;
    sequence = value.charCodeAt(i) - value.charCodeAt(i - 1) === 1 ? sequence + 1 : 1;
    if (run > MAX_RUN) return `does not look random (a character repeats ${run} times in a row)`;
    if (sequence >= 6) return 'does not look random (a run of consecutive characters)';
  }
  return null;
}

/** A new secret: 32 random bytes as base64url (43 characters, 256 bits) that passes the rule above. */
export function newSecret(): string {
  // A random string can, rarely, contain a placeholder word ("dEv-"); draw again.
  for (;;) {
    const s = randomBytes(32).toString('base64url');
    if (secretProblem(s) === null) return s;
  }
}
