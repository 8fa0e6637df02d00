// Central's configuration: one TypeBox schema gives types, defaults and the
// Ajv validation that reports every error at start-up.
import { Type, type Static } from '@sinclair/typebox';

/** A secret written in place, or `file:/etc/ecorner/…` to read it from a file; checked by protocol/secrets.ts outside dev mode. */
const SecretValue = (description: string) => Type.String({ minLength: 1, description: `${description}; the value itself or file:/path` });

export const ROLES = ['viewer', 'helpdesk', 'admin'] as const;
export const Role = Type.Union(ROLES.map((r) => Type.Literal(r)));
export type Role = Static<typeof Role>;

/** A named person (or system) at central. Only a hash of the token is kept; `token` in place is for dev mode. */
export const Operator = Type.Object({
  name: Type.String({ pattern: '^[a-z][a-z0-9._-]{1,31}$' }),
  role: Role,
  tokenHash: Type.Optional(Type.String({ pattern: '^sha256:[0-9a-f]{64}$', description: 'printed by `npm run central:tools -- new-operator`' })),
  token: Type.Optional(Type.String({ minLength: 1, description: 'dev mode only: the token itself' })),
}, { additionalProperties: false });
export type Operator = Static<typeof Operator>;

export const KioskEntry = Type.Object({
  id: Type.String({ pattern: '^[A-Z0-9-]{3,32}$' }),
  site: Type.String({ pattern: '^[A-Z]{2,4}$', description: 'site code, as in the kiosk references' }),
  name: Type.String({ minLength: 1, maxLength: 80, description: 'site name shown on the fleet page' }),
  circle: Type.Optional(Type.String({ pattern: '^circle-[0-9]+$' })),
  substation: Type.Optional(Type.String({ pattern: '^[a-z-]+$' })),
  secret: SecretValue('per-kiosk HMAC secret; same value as the kiosk config central.kioskSecret'),
  periodSeconds: Type.Optional(Type.Integer({ minimum: 5, maximum: 86400 })),
  graceSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 86400 })),
}, { additionalProperties: false });
export type KioskEntry = Static<typeof KioskEntry>;

/** Where help-desk staff work the requests (central/helpdesk/). */
export const HelpDeskConfig = Type.Union([
  Type.Object({
    type: Type.Literal('builtin', { description: "central's own tables; status changes through the admin API" }),
  }, { additionalProperties: false }),
  Type.Object({
    type: Type.Literal('rt', { description: 'Request Tracker 5 over REST2' }),
    url: Type.String({ pattern: '^https?://', description: "RT's base URL (REST2 is at <url>/REST/2.0)" }),
    token: Type.String({ pattern: '^file:.+', description: 'file:<path> holding an RT auth token (or user:password); relative paths are resolved against the config file' }),
    queues: Type.Record(Type.String({ pattern: '^circle-[0-9]+$' }), Type.String({ minLength: 1, maxLength: 200 }), { description: 'circle id → RT queue name' }),
    defaultQueue: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'queue for a request whose circle has none' })),
    // Optional with the default in words: Ajv fills no defaults inside a union.
    pollSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 3600, description: 'how often status changes are read back (default 30)' })),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 120000, description: 'per RT call (default 10000)' })),
    retryMaxSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 3600, description: 'backoff cap while RT is unreachable (default 300)' })),
  }, { additionalProperties: false }),
], { default: { type: 'builtin' } });
export type HelpDeskConfig = Static<typeof HelpDeskConfig>;

export const CentralConfig = Type.Object({
  $schema: Type.Optional(Type.String()),
  version: Type.Literal(1),
  listen: Type.Object({
    host: Type.String({ default: '127.0.0.1' }),
    port: Type.Integer({ minimum: 0, maximum: 65535, default: 8090 }),
  }, { additionalProperties: false, default: {} }),
  dbPath: Type.String({ minLength: 1, default: '../data/central.sqlite', description: 'relative paths are resolved against the config file' }),
  /** people and systems allowed to look (viewer), change request statuses (helpdesk) or maintain (admin) */
  operators: Type.Array(Operator, { default: [] }),
  /** true: the fleet page and /api/v1/kiosks are open to anyone on central's network */
  public: Type.Boolean({ default: false }),
  /** Prometheus sends it as a bearer token; without it /metrics is open */
  metricsToken: Type.Optional(SecretValue('scrape token for /metrics')),
  /** how long the audit of state-changing calls is kept */
  auditKeepDays: Type.Integer({ minimum: 30, maximum: 3650, default: 365 }),
  /** the payment gateway whose signed callbacks alone confirm payments */
  gateway: Type.Object({
    provider: Type.Literal('razorpay'),
    webhookSecret: SecretValue('webhook secret set in the gateway dashboard'),
    currency: Type.Literal('INR', { default: 'INR' }),
  }, { additionalProperties: false }),
  heartbeat: Type.Object({
    periodSeconds: Type.Integer({ minimum: 5, maximum: 86400, default: 60 }),
    graceSeconds: Type.Integer({ minimum: 0, maximum: 86400, default: 120 }),
    /** how often central re-evaluates late/down without waiting for a heartbeat */
    evaluateSeconds: Type.Integer({ minimum: 1, maximum: 3600, default: 10 }),
    keepDays: Type.Integer({ minimum: 1, maximum: 365, default: 14 }),
  }, { additionalProperties: false, default: {} }),
  signatureWindowSeconds: Type.Integer({ minimum: 10, maximum: 3600, default: 300 }),
  /** look-ups that find nothing (wrong mobile, unknown reference) one kiosk may make per minute */
  lookupMissesPerMinute: Type.Integer({ minimum: 1, maximum: 10000, default: 10 }),
  paymentExpiryMinutes: Type.Integer({ minimum: 1, maximum: 1440, default: 15 }),
  webhook: Type.Optional(Type.Object({
    url: Type.String({ pattern: '^https?://' }),
    timeoutMs: Type.Integer({ minimum: 100, maximum: 60000, default: 5000 }),
  }, { additionalProperties: false })),
  networkPath: Type.Optional(Type.String({ minLength: 1, description: 'config/network.json with circles, substations and helpline counts' })),
  seedConsumers: Type.Integer({ minimum: 0, maximum: 100000, default: 40 }),
  kiosks: Type.Array(KioskEntry, { minItems: 1 }),
  helpdesk: HelpDeskConfig,
}, { additionalProperties: false });
export type CentralConfig = Static<typeof CentralConfig>;
