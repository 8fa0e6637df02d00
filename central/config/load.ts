// Reads and validates central's config file; every error is reported at once.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import { CentralConfig } from './schema.js';

// ajv and ajv-formats are CommonJS with a default export.
const Ajv = AjvModule.default ?? AjvModule;
const addFormats = addFormatsModule.default ?? addFormatsModule;

export class CentralConfigError extends Error {
  override readonly name = 'CentralConfigError';
  constructor(readonly file: string, readonly problems: string[]) {
    super(`${file}: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  }
}

const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false });
addFormats(ajv);
const validate = ajv.compile<CentralConfig>(CentralConfig);

/** Validates an already parsed object (fills defaults in place). */
export function parseCentralConfig(data: unknown, file = '<inline>'): CentralConfig {
  const copy = structuredClone(data);
  if (!validate(copy)) {
    throw new CentralConfigError(file, (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? `: ${String(e.params.additionalProperty)}` : ''}`));
  }
  const ids = new Set<string>();
  const dupes: string[] = [];
  for (const k of copy.kiosks) {
    if (ids.has(k.id)) dupes.push(`/kiosks kiosk id ${k.id} is listed twice`);
    ids.add(k.id);
  }
  if (dupes.length > 0) throw new CentralConfigError(file, dupes);
  return copy;
}

export async function loadCentralConfig(file: string): Promise<CentralConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new CentralConfigError(file, [`cannot read: ${(err as Error).message}`]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new CentralConfigError(file, [`not valid JSON: ${(err as Error).message}`]);
  }
  const config = parseCentralConfig(data, file);
  const dir = path.dirname(path.resolve(file));
  config.dbPath = config.dbPath === ':memory:' ? config.dbPath : path.resolve(dir, config.dbPath);
  if (config.networkPath) config.networkPath = path.resolve(dir, config.networkPath);
  if (config.helpdesk.type === 'rt') config.helpdesk.token = `file:${path.resolve(dir, config.helpdesk.token.slice('file:'.length))}`;
  return config;
}
