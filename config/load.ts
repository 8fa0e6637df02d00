// Loads and validates a kiosk's config before anything else starts. Every
// problem is reported with the file and the field, and start-up stops.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject } from 'ajv';
import type { TSchema } from '@sinclair/typebox';
import { migrate } from './migrations.js';
import { KioskConfig, NetworkConfig, type AreaClass, type KioskConfigFile, type Timeline, type TimelineSpec } from './schema.js';
import { secretProblem } from '../protocol/secrets.js';

export const configDir = path.dirname(fileURLToPath(import.meta.url));
export const defaultNetworkFile = path.join(configDir, 'network.json');
/** What every site shares (timelines with their sources, devices, payment); a site file holds only what differs. */
export const defaultsFile = path.join(configDir, 'defaults.json');

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly file: string, readonly problems: string[]) {
    super(`invalid config ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const ajv = new Ajv({ allErrors: true, strict: false });

/** `/devices/printer/port` → `devices.printer.port` */
function fieldName(instancePath: string, extra?: string): string {
  const parts = instancePath.split('/').filter(Boolean);
  if (extra) parts.push(extra);
  return parts.length ? parts.join('.') : '(top level)';
}

/** Ajv reports every branch of a union; keep only the branch whose `type` matched. */
export function explainErrors(errors: readonly ErrorObject[]): string[] {
  const rejectedBranches = new Set<string>();
  for (const e of errors) {
    const m = /^(.*\/anyOf\/\d+)\/properties\/type\/const$/.exec(e.schemaPath);
    if (m && m[1]) rejectedBranches.add(m[1]);
  }
  const out: string[] = [];
  const unionsWithoutBranch = new Map<string, Set<string>>();
  for (const e of errors) {
    if (e.keyword === 'anyOf') continue;
    const branch = /^(.*\/anyOf\/\d+)\//.exec(e.schemaPath)?.[1];
    if (branch && rejectedBranches.has(branch)) {
      if (e.keyword === 'const' && e.instancePath.endsWith('/type')) {
        const set = unionsWithoutBranch.get(e.instancePath) ?? new Set<string>();
        set.add(String((e.params as { allowedValue: unknown }).allowedValue));
        unionsWithoutBranch.set(e.instancePath, set);
      }
      continue;
    }
    if (e.keyword === 'additionalProperties') {
      out.push(`${fieldName(e.instancePath, (e.params as { additionalProperty: string }).additionalProperty)}: unknown key`);
    } else if (e.keyword === 'required') {
      out.push(`${fieldName(e.instancePath, (e.params as { missingProperty: string }).missingProperty)}: missing`);
    } else {
      out.push(`${fieldName(e.instancePath)}: ${e.message ?? e.keyword}`);
    }
  }
  // A union none of whose branches matched on `type`: name the allowed types.
  for (const [instancePath, allowed] of unionsWithoutBranch) {
    const branchErrors = out.some((line) => line.startsWith(fieldName(instancePath).replace(/\.type$/, '')));
    if (!branchErrors) out.push(`${fieldName(instancePath)}: must be one of ${[...allowed].join(', ')}`);
  }
  return [...new Set(out)];
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, [`cannot read: ${(err as Error).message}`]);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ConfigError(file, [`not valid JSON: ${(err as Error).message}`]);
  }
}

/**
 * Fills schema defaults in place. Unlike TypeBox's Value.Default it picks a
 * union branch by its `type` discriminator even when the value has other
 * faults, so an unknown key is reported alone, not with every defaulted field.
 */
export function applyDefaults(schema: TSchema, value: unknown): unknown {
  if (value === undefined && schema.default !== undefined) value = structuredClone(schema.default);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const obj = value as Record<string, unknown>;
  if (Array.isArray(schema.anyOf)) {
    const branch = (schema.anyOf as TSchema[]).find((b) => b.properties?.type?.const !== undefined && b.properties.type.const === obj.type);
    return branch ? applyDefaults(branch, obj) : obj;
  }
  if (schema.properties) {
    for (const [key, sub] of Object.entries(schema.properties as Record<string, TSchema>)) {
      const next = applyDefaults(sub, obj[key]);
      if (next !== undefined) obj[key] = next;
    }
  }
  if (schema.patternProperties) {
    const sub = Object.values(schema.patternProperties as Record<string, TSchema>)[0];
    if (sub) for (const key of Object.keys(obj)) obj[key] = applyDefaults(sub, obj[key]);
  }
  return obj;
}

function validate<T extends TSchema>(schema: T, file: string, data: unknown): unknown {
  const withDefaults = applyDefaults(schema, structuredClone(data));
  const check = ajv.compile(schema);
  if (!check(withDefaults)) throw new ConfigError(file, explainErrors(check.errors ?? []));
  return withDefaults;
}

export function loadNetworkConfig(file = defaultNetworkFile): NetworkConfig {
  return validate(NetworkConfig, file, readJson(file)) as NetworkConfig;
}

type Env = Record<string, string | undefined>;

function applyEnv(data: unknown, env: Env, file: string): unknown {
  if (typeof data !== 'object' || data === null) return data;
  const d = data as Record<string, unknown>;
  if (env.ECORNER_PORT !== undefined) {
    if (!/^\d{1,5}$/.test(env.ECORNER_PORT)) throw new ConfigError(file, [`ECORNER_PORT: must be a port number, got "${env.ECORNER_PORT}"`]);
    d.http = { ...((d.http as object | undefined) ?? {}), port: Number(env.ECORNER_PORT) };
  }
  // Simulator ports, so several simulated kiosks run side by side (0 = any free port).
  const port = (name: string): number | undefined => {
    const v = env[name];
    if (v === undefined) return undefined;
    if (!/^\d{1,5}$/.test(v) || Number(v) > 65535) throw new ConfigError(file, [`${name}: must be a port number (0 = any free port), got "${v}"`]);
    return Number(v);
  };
  const centralPort = port('ECORNER_CENTRAL_PORT');
  if (centralPort !== undefined) d.simulator = { ...((d.simulator as object | undefined) ?? {}), centralPort };
  const printerPort = port('ECORNER_PRINTER_PORT');
  const devices = d.devices as { printer?: { type?: string; port?: number } } | undefined;
  if (printerPort !== undefined && devices?.printer?.type === 'virtual') devices.printer = { ...devices.printer, port: printerPort };
  const technicianPort = port('ECORNER_TECHNICIAN_PORT');
  if (technicianPort !== undefined) d.technician = { ...((d.technician as object | undefined) ?? {}), port: technicianPort };
  if (env.ECORNER_DATA_DIR !== undefined) {
    if (env.ECORNER_DATA_DIR.trim() === '') throw new ConfigError(file, ['ECORNER_DATA_DIR: must not be empty']);
    d.dataDir = env.ECORNER_DATA_DIR;
  }
  return d;
}

/**
 * `file:/etc/ecorner/kiosk.secret` keeps the per-kiosk secret out of the
 * site file. Outside simulator mode the secret must pass the shared rule
 * (protocol/secrets.ts): no placeholder, at least 32 random characters.
 */
function resolveSecret(value: string, file: string, simulator: boolean): string {
  let secret = value;
  let where = 'central.kioskSecret';
  if (value.startsWith('file:')) {
    const secretFile = value.slice('file:'.length);
    where = `central.kioskSecret (${secretFile})`;
    try {
      secret = readFileSync(secretFile, 'utf8').trim();
    } catch (err) {
      throw new ConfigError(file, [`central.kioskSecret: cannot read ${secretFile}: ${(err as Error).message}`]);
    }
  }
  const problem = simulator ? (secret === '' ? 'is missing' : null) : secretProblem(secret);
  if (problem) throw new ConfigError(file, [`${where} ${problem}${simulator ? '' : ' (outside simulator mode; create one with `npm run central:tools -- new-kiosk <id>`)'}`]);
  return secret;
}

/** Cross-file checks the schema cannot express. */
function checkAgainstNetwork(config: KioskConfig, network: NetworkConfig, file: string, timelineKeys: readonly string[]): void {
  const problems: string[] = [];
  const circle = network.circles.find((c) => c.id === config.kiosk.circle);
  if (!circle) problems.push(`kiosk.circle: "${config.kiosk.circle}" is not a circle in network.json`);
  const substations = network.circles.flatMap((c) => c.substations.map((s) => s.id));
  if (!substations.includes(config.kiosk.substation)) problems.push(`kiosk.substation: "${config.kiosk.substation}" is not a substation in network.json`);
  for (const key of timelineKeys) if (!config.timelines[key]) problems.push(`timelines.${key}: missing`);
  if (problems.length) throw new ConfigError(file, problems);
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The site file over the shared defaults, key by key. A device block whose
 * `type` differs (a virtual printer over the default USB one) replaces the
 * default rather than mixing with it.
 */
export function overlay(base: unknown, over: unknown): unknown {
  if (!isObject(base) || !isObject(over)) return over === undefined ? structuredClone(base) : structuredClone(over);
  if ('type' in over && base.type !== over.type) return structuredClone(over);
  const out: Json = structuredClone(base);
  for (const [key, value] of Object.entries(over)) out[key] = overlay(base[key], value);
  return out;
}

/** Hours and wording for this site's area class; `{days}` and `{hours}` in the rule are filled in. */
export function resolveTimeline(spec: TimelineSpec, area: AreaClass): Timeline {
  const hours = typeof spec.hours === 'number' ? spec.hours : spec.hours[area];
  const fill = (text: string) => text.replaceAll('{days}', String(Math.round(hours / 24))).replaceAll('{hours}', String(hours));
  return { ...spec, hours, rule: { en: fill(spec.rule.en), hi: fill(spec.rule.hi) } };
}

export interface LoadedConfig {
  file: string;
  config: KioskConfig;
  network: NetworkConfig;
  /** the site file's version before migration, and what the migration changed */
  migration?: { from: number; notes: string[] };
}

/**
 * Loads the kiosk config named by ECORNER_CONFIG (or `fallbackFile`): the
 * site file is migrated to the current version and laid over
 * config/defaults.json, ECORNER_PORT / ECORNER_DATA_DIR are applied, and
 * everything is validated. `timelineKeys` are the due-time rules the service
 * catalogue refers to.
 */
export function loadKioskConfig(options: { fallbackFile: string; env?: Env; networkFile?: string; defaultsFile?: string; timelineKeys?: readonly string[]; simulator?: boolean }): LoadedConfig {
  const env = options.env ?? process.env;
  const file = path.resolve(env.ECORNER_CONFIG ?? options.fallbackFile);
  let migrated;
  try {
    migrated = migrate(readJson(file));
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(file, [(err as Error).message]);
  }
  const defaults = readJson(options.defaultsFile ?? defaultsFile);
  const merged = overlay(defaults, migrated.data);
  const raw = applyEnv(merged, env, file);
  const written = validate(KioskConfig, file, raw) as KioskConfigFile;
  const timelines: Record<string, Timeline> = {};
  for (const [key, spec] of Object.entries(written.timelines)) timelines[key] = resolveTimeline(spec, written.kiosk.areaClass);
  const config: KioskConfig = { ...written, timelines };
  config.central.kioskSecret = resolveSecret(config.central.kioskSecret, file, options.simulator ?? false);
  const networkFile = options.networkFile ?? defaultNetworkFile;
  const network = loadNetworkConfig(networkFile);
  checkAgainstNetwork(config, network, file, options.timelineKeys ?? []);
  return { file, config, network, ...(migrated.from !== written.version ? { migration: { from: migrated.from, notes: migrated.notes } } : {}) };
}
