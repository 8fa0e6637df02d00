// Technician PIN: stored only as a scrypt hash (node:crypto, no extra
// dependency). Format: scrypt$<N>$<r>$<p>$<salt b64url>$<hash b64url>, so the
// cost can be raised later without breaking stored hashes.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const KEY_LENGTH = 32;
const DEFAULT_COST = { N: 1 << 15, r: 8, p: 1 };
/** the simulator's PIN when ECORNER_TECHNICIAN_PIN is unset (printed in the start-up log and the README) */
export const SIMULATOR_DEFAULT_PIN = '246810';
const PIN_PATTERN = /^\d{6,12}$/;

function scrypt(pin: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) => scryptCb(pin, salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key))));
}

export function isValidPin(pin: string): boolean {
  return PIN_PATTERN.test(pin);
}

export async function hashPin(pin: string, cost = DEFAULT_COST): Promise<string> {
  if (!isValidPin(pin)) throw new Error('a technician PIN is 6 to 12 digits');
  const salt = randomBytes(16);
  const key = await scrypt(pin, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

interface ParsedHash {
  cost: { N: number; r: number; p: number };
  salt: Buffer;
  key: Buffer;
}

/** null for anything that is not a hash this module wrote (placeholders included). */
export function parsePinHash(stored: string | undefined): ParsedHash | null {
  const m = /^scrypt\$(\d{1,7})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{40,})$/.exec(stored ?? '');
  if (!m) return null;
  const N = Number(m[1]);
  if (N < 1 << 14 || (N & (N - 1)) !== 0) return null;
  const key = Buffer.from(m[5]!, 'base64url');
  if (key.length !== KEY_LENGTH) return null;
  return { cost: { N, r: Number(m[2]), p: Number(m[3]) }, salt: Buffer.from(m[4]!, 'base64url'), key };
}

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const parsed = parsePinHash(stored);
  if (!parsed || !isValidPin(pin)) return false;
  const key = await scrypt(pin, parsed.salt, parsed.cost);
  return timingSafeEqual(key, parsed.key);
}
