// The technician PIN outside simulator mode must be a real scrypt hash; in
// simulator mode it comes from ECORNER_TECHNICIAN_PIN (default 246810).
import { ConfigError } from '../../config/load.js';
import type { KioskConfig } from '../../config/schema.js';
import { secretProblem } from '../../protocol/secrets.js';
import { hashPin, isValidPin, parsePinHash, SIMULATOR_DEFAULT_PIN } from './pin.js';

/** Throws ConfigError naming technician.pinHash when it is missing or a placeholder outside simulator mode. */
export function checkTechnicianConfig(config: KioskConfig, file: string, simulator: boolean, env: Record<string, string | undefined> = process.env): void {
  if (simulator) {
    const pin = env.ECORNER_TECHNICIAN_PIN;
    if (pin !== undefined && !isValidPin(pin)) throw new ConfigError(file, ['ECORNER_TECHNICIAN_PIN: must be 6 to 12 digits']);
    return;
  }
  if (!config.technician.pinHash) throw new ConfigError(file, ['technician.pinHash: missing (print one with `npm run -s technician:pin-hash`)']);
  if (!parsePinHash(config.technician.pinHash)) throw new ConfigError(file, ['technician.pinHash: not a scrypt hash from `npm run -s technician:pin-hash` (a placeholder?)']);
  const token = config.technician.metricsToken;
  const problem = token === undefined ? null : secretProblem(token);
  if (problem) throw new ConfigError(file, [`technician.metricsToken: ${problem} (outside simulator mode; \`npm run central:tools -- new-secret\` makes one)`]);
}

/** The hash the listener checks against, and in simulator mode the PIN to print. */
export async function technicianPin(config: KioskConfig, simulator: boolean, env: Record<string, string | undefined> = process.env): Promise<{ hash: string; simulatorPin: string | null }> {
  if (!simulator) return { hash: config.technician.pinHash!, simulatorPin: null };
  const pin = env.ECORNER_TECHNICIAN_PIN ?? SIMULATOR_DEFAULT_PIN;
  // A cheaper cost in simulator mode: tests start many kiosks.
  return { hash: await hashPin(pin, { N: 1 << 14, r: 8, p: 1 }), simulatorPin: pin };
}
