// Reads and validates central's config file; every error is reported at once.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { secretProblem } from '../../protocol/secrets.js';
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

/** How an operator's token is kept: never the token itself. */
export function tokenHash(token: string): string {
  return `sha256:${createHash('sha256').update(token, 'utf8').digest('hex')}`;
}

/**
 * Reads `file:` secrets and applies the secret rule. Outside dev mode every
 * secret must pass protocol/secrets.ts and operators must carry a tokenHash;
 * in dev mode (`npm run central -- --dev`, the simulator, tests) the shipped
 * example values are accepted. Afterwards operators hold hashes only.
 */
export function resolveCentralSecrets(config: CentralConfig, file: string, o: { dev: boolean }): CentralConfig {
  const problems: string[] = [];
  const read = (field: string, value: string): string => {
    let secret = value;
    if (value.startsWith('file:')) {
      const secretFile = path.resolve(path.dirname(path.resolve(file)), value.slice('file:'.length));
      try {
        secret = readFileSync(secretFile, 'utf8').trim();
      } catch (err) {
        problems.push(`${field}: cannot read ${secretFile}: ${(err as Error).message}`);
        return value;
      }
    }
    const problem = o.dev ? (secret === '' ? 'is missing' : null) : secretProblem(secret);
    if (problem) problems.push(`${field} ${problem}${o.dev ? '' : ' (outside dev mode; `npm run central -- --dev` accepts example values)'}`);
    return secret;
  };
  config.kiosks.forEach((k, i) => (k.secret = read(`/kiosks/${i}/secret (${k.id})`, k.secret)));
  config.gateway.webhookSecret = read('/gateway/webhookSecret', config.gateway.webhookSecret);
  if (config.metricsToken !== undefined) config.metricsToken = read('/metricsToken', config.metricsToken);
  const names = new Set<string>();
  config.operators.forEach((op, i) => {
    const field = `/operators/${i} (${op.name})`;
    if (names.has(op.name)) problems.push(`${field}: name is listed twice`);
    names.add(op.name);
    if ((op.token === undefined) === (op.tokenHash === undefined)) {
      problems.push(`${field}: give exactly one of tokenHash or token`);
      return;
    }
    if (op.token !== undefined) {
      if (!o.dev) {
        problems.push(`${field}/token: a token in place is for dev mode only; store its tokenHash (npm run central:tools -- new-operator)`);
        return;
      }
      op.tokenHash = tokenHash(read(`${field}/token`, op.token));
      delete op.token;
    }
  });
  const hashes = config.operators.flatMap((op) => (op.tokenHash ? [op.tokenHash] : []));
  if (new Set(hashes).size !== hashes.length) problems.push('/operators: two operators share one token');
  if (problems.length > 0) throw new CentralConfigError(file, problems);
  return config;
}

export async function loadCentralConfig(file: string, o: { dev: boolean } = { dev: false }): Promise<CentralConfig> {
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
  // The RT token is read when the help desk is built (central/helpdesk/index.ts).
  if (config.helpdesk.type === 'rt') config.helpdesk.token = `file:${path.resolve(dir, config.helpdesk.token.slice('file:'.length))}`;
  return resolveCentralSecrets(config, file, o);
}
