// The heartbeat wire contract: the kiosk builds it, central validates it.
import { Type, type Static } from '@sinclair/typebox';

export const HealthLevel = Type.Union([Type.Literal('ok'), Type.Literal('warning'), Type.Literal('fault')]);
export type HealthLevel = Static<typeof HealthLevel>;

const IsoTime = Type.String({ format: 'date-time', maxLength: 40 });
const Text = (max: number) => Type.String({ maxLength: max });

export const PartHealth = Type.Object({
  level: HealthLevel,
  state: Type.String({ pattern: '^[a-z0-9-]{1,48}$' }),
  detail: Type.Optional(Text(300)),
  since: IsoTime,
}, { additionalProperties: false });
export type PartHealth = Static<typeof PartHealth>;

/** One state change that happened on the kiosk, reported with the next delivered heartbeat. */
export const HealthChange = Type.Object({
  part: Type.String({ pattern: '^[a-z0-9-]{1,48}$' }),
  level: HealthLevel,
  state: Type.String({ pattern: '^[a-z0-9-]{1,48}$' }),
  detail: Type.Optional(Text(300)),
  at: IsoTime,
}, { additionalProperties: false });
export type HealthChange = Static<typeof HealthChange>;

export const PaperState = Type.Union([Type.Literal('ok'), Type.Literal('near-end'), Type.Literal('out'), Type.Literal('unknown')]);
export type PaperState = Static<typeof PaperState>;

export const SelfTest = Type.Object({
  name: Type.String({ pattern: '^[a-z0-9-]{1,48}$' }),
  ok: Type.Boolean(),
  at: IsoTime,
  detail: Type.Optional(Text(300)),
}, { additionalProperties: false });
export type SelfTest = Static<typeof SelfTest>;

/** Raspberry Pi `vcgencmd get_throttled` bits, decoded; null where the board has no such command. */
export const ThrottleFlags = Type.Object({
  raw: Type.String({ pattern: '^0x[0-9a-fA-F]+$' }),
  underVoltageNow: Type.Boolean(),
  frequencyCappedNow: Type.Boolean(),
  throttledNow: Type.Boolean(),
  softTempLimitNow: Type.Boolean(),
  underVoltageOccurred: Type.Boolean(),
  frequencyCappedOccurred: Type.Boolean(),
  throttledOccurred: Type.Boolean(),
  softTempLimitOccurred: Type.Boolean(),
}, { additionalProperties: false });
export type ThrottleFlags = Static<typeof ThrottleFlags>;

export const SystemInfo = Type.Object({
  diskFreeBytes: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
  diskTotalBytes: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
  memAvailableBytes: Type.Integer({ minimum: 0 }),
  memTotalBytes: Type.Integer({ minimum: 0 }),
  cpuTempC: Type.Union([Type.Number({ minimum: -50, maximum: 150 }), Type.Null()]),
  throttle: Type.Union([ThrottleFlags, Type.Null()]),
}, { additionalProperties: false });
export type SystemInfo = Static<typeof SystemInfo>;

export const HeartbeatPayload = Type.Object({
  kioskId: Type.String({ pattern: '^[A-Z0-9-]{3,32}$' }),
  /** increases by one per heartbeat built; a gap tells central how many were never delivered */
  sequence: Type.Integer({ minimum: 1 }),
  version: Type.String({ minLength: 1, maxLength: 40 }),
  uptimeSeconds: Type.Integer({ minimum: 0 }),
  /** the time the kiosk works with: its own clock (a Pi has no RTC), corrected by central's once a signed reply told it */
  clock: IsoTime,
  /** central's clock minus the kiosk's own, in seconds, as the kiosk measured it from signed replies (null: not yet) */
  measuredSkewSeconds: Type.Optional(Type.Union([Type.Integer({ minimum: -1e9, maximum: 1e9 }), Type.Null()])),
  periodSeconds: Type.Integer({ minimum: 1, maximum: 86400 }),
  health: Type.Object({
    level: HealthLevel,
    parts: Type.Record(Type.String({ pattern: '^[a-z0-9-]{1,48}$' }), PartHealth, { maxProperties: 32 }),
  }, { additionalProperties: false }),
  printer: Type.Object({
    paper: PaperState,
    /** how receipts are confirmed: gs-r = printed, status / none = sent only */
    confirm: Type.Optional(Type.Union([Type.Literal('gs-r'), Type.Literal('status'), Type.Literal('none'), Type.Literal('unknown')])),
    /** marked copies printed since start for receipts whose outcome was unknown */
    copies: Type.Optional(Type.Integer({ minimum: 0 })),
  }, { additionalProperties: false }),
  lastScanAt: Type.Union([IsoTime, Type.Null()]),
  ui: Type.Object({ alive: Type.Boolean(), lastSeenAt: Type.Union([IsoTime, Type.Null()]) }, { additionalProperties: false }),
  outbox: Type.Object({
    depth: Type.Integer({ minimum: 0 }),
    oldestAgeSeconds: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
    failures: Type.Integer({ minimum: 0 }),
  }, { additionalProperties: false }),
  selfTests: Type.Array(SelfTest, { maxItems: 16 }),
  maintenance: Type.Object({ active: Type.Boolean(), until: Type.Union([IsoTime, Type.Null()]) }, { additionalProperties: false }),
  system: SystemInfo,
  /** state changes since the last delivered heartbeat (oldest first, capped) */
  changes: Type.Array(HealthChange, { maxItems: 100 }),
  /** changes left out because the cap was reached during a long outage */
  droppedChanges: Type.Integer({ minimum: 0 }),
  /** heartbeats that failed to reach central since the last delivered one */
  failedSince: Type.Integer({ minimum: 0 }),
}, { additionalProperties: false });
export type HeartbeatPayload = Static<typeof HeartbeatPayload>;

export const KioskState = Type.Union([Type.Literal('new'), Type.Literal('up'), Type.Literal('late'), Type.Literal('down'), Type.Literal('maintenance')]);
export type KioskState = Static<typeof KioskState>;

export const HeartbeatReply = Type.Object({
  accepted: Type.Literal(true),
  serverTime: IsoTime,
  state: KioskState,
  /** central's clock minus the kiosk's, in seconds; the kiosk logs large skews */
  clockSkewSeconds: Type.Number(),
}, { additionalProperties: false });
export type HeartbeatReply = Static<typeof HeartbeatReply>;
