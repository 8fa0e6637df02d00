// Reads config/network.json (circles, substations, helpline complaint counts)
// for the fleet page's chart. Optional: the page says so when it is missing.
import { readFile } from 'node:fs/promises';
import AjvModule from 'ajv';
import { NetworkConfig } from '../config/schema.js';

const Ajv = AjvModule.default ?? AjvModule;
const validate = new Ajv({ allErrors: true, strict: false }).compile<NetworkConfig>(NetworkConfig);

export async function loadNetwork(file: string): Promise<{ ok: true; network: NetworkConfig } | { ok: false; error: string }> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    return { ok: false, error: `${file}: ${(err as Error).message}` };
  }
  if (!validate(data)) return { ok: false, error: `${file}: ${(validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ')}` };
  return { ok: true, network: data };
}
