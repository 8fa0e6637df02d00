// The single source of truth for a kiosk's configuration: types come from
// Static<>, defaults live in the schema, Ajv reports every error at start-up.
import { Type, type Static } from '@sinclair/typebox';

const Bilingual = Type.Object({ en: Type.String({ minLength: 1 }), hi: Type.String({ minLength: 1 }) }, { additionalProperties: false });

const PaperWidth = Type.Union([Type.Literal(58), Type.Literal(80)], { default: 58, description: 'paper width in mm: 58 mm = 384 dots, 80 mm = 576 dots' });

const PrinterCommon = {
  paperWidthMm: PaperWidth,
  statusPollMs: Type.Integer({ minimum: 200, default: 2000 }),
  statusTimeoutMs: Type.Integer({ minimum: 50, default: 1000 }),
  confirm: Type.Union([Type.Literal('auto'), Type.Literal('gs-r'), Type.Literal('status'), Type.Literal('none')], {
    default: 'auto',
    description: 'how a job is confirmed: gs-r (printed), status (DLE EOT only: sent), none (write-only link: sent); auto probes at every connect',
  }),
  confirmTimeoutMs: Type.Integer({ minimum: 100, default: 10000, description: 'how long a job may take to be confirmed (GS r) before it counts as unconfirmed' }),
};

export const PrinterConfig = Type.Union([
  Type.Object({
    type: Type.Literal('virtual'),
    port: Type.Integer({ minimum: 0, maximum: 65535, default: 9100 }),
    profile: Type.Union([Type.Literal('epson'), Type.Literal('generic'), Type.Literal('write-only')], {
      default: 'epson',
      description: 'virtual printer: epson (GS r, real-time commands anywhere), generic (DLE EOT only), write-only (answers nothing)',
    }),
    ...PrinterCommon,
  }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('tcp'), host: Type.String({ minLength: 1 }), port: Type.Integer({ minimum: 1, maximum: 65535, default: 9100 }), ...PrinterCommon }, { additionalProperties: false }),
  Type.Object({
    type: Type.Literal('serial'),
    path: Type.String({ minLength: 1 }),
    baudRate: Type.Integer({ minimum: 1200, default: 9600 }),
    rtscts: Type.Boolean({ default: false }),
    xon: Type.Boolean({ default: false }),
    ...PrinterCommon,
  }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('usb'), path: Type.String({ minLength: 1, default: '/dev/usb/lp0' }), ...PrinterCommon }, { additionalProperties: false }),
]);

const ScannerCommon = {
  aimPrefix: Type.Boolean({ default: false, description: 'scanner sends AIM symbology identifiers (]Q1, ]C0 …) that must be stripped' }),
  maxLength: Type.Integer({ minimum: 8, maximum: 4096, default: 512 }),
  duplicateWindowMs: Type.Integer({ minimum: 0, default: 1500 }),
};

export const ScannerConfig = Type.Union([
  Type.Object({ type: Type.Literal('virtual'), ...ScannerCommon }, { additionalProperties: false }),
  Type.Object({
    type: Type.Literal('serial'),
    path: Type.String({ minLength: 1 }),
    baudRate: Type.Integer({ minimum: 1200, default: 9600 }),
    suffix: Type.Union([Type.Literal('\r\n'), Type.Literal('\r'), Type.Literal('\n'), Type.Literal('\t')], { default: '\r\n' }),
    ...ScannerCommon,
  }, { additionalProperties: false }),
  Type.Object({
    type: Type.Literal('hid-wedge'),
    vendorId: Type.Integer({ minimum: 0, maximum: 0xffff }),
    productId: Type.Integer({ minimum: 0, maximum: 0xffff }),
    layout: Type.Union([Type.Literal('us')], { default: 'us' }),
    ...ScannerCommon,
  }, { additionalProperties: false }),
  Type.Object({
    type: Type.Literal('hid-pos'),
    vendorId: Type.Integer({ minimum: 0, maximum: 0xffff }),
    productId: Type.Integer({ minimum: 0, maximum: 0xffff }),
    ...ScannerCommon,
  }, { additionalProperties: false }),
]);

const LedPins = Type.Object({
  green: Type.Integer({ minimum: 0, maximum: 1023 }),
  amber: Type.Integer({ minimum: 0, maximum: 1023 }),
  red: Type.Integer({ minimum: 0, maximum: 1023 }),
}, { additionalProperties: false, description: 'BCM line offsets on the GPIO chip (e.g. 17, 27, 22)' });

export const LedsConfig = Type.Union([
  Type.Object({ type: Type.Literal('virtual'), blinkMs: Type.Integer({ minimum: 100, default: 500 }) }, { additionalProperties: false }),
  Type.Object({
    type: Type.Literal('gpio'),
    sysfsRoot: Type.String({ default: '/sys/class/gpio' }),
    chipBase: Type.Integer({ minimum: 0, default: 0, description: 'sysfs number of line 0: 0 on older kernels, the gpiochip base (e.g. 512) on kernels >= 6.6; read /sys/class/gpio/gpiochip*/base' }),
    pins: LedPins,
    activeLow: Type.Boolean({ default: false }),
    blinkMs: Type.Integer({ minimum: 100, default: 500 }),
  }, { additionalProperties: false }),
]);

/** The Rights of Consumers Rules count new-connection times by area class. */
export const AreaClass = Type.Union([Type.Literal('metropolitan'), Type.Literal('other-municipal'), Type.Literal('rural')], {
  description: 'area class of the kiosk\'s division under the Electricity (Rights of Consumers) Rules: metropolitan 3 days, other municipal 7, rural 15 for a new connection',
});

const Source = Type.String({ minLength: 1, pattern: '\\S', description: 'the regulation, rule or standard the number comes from; a timeline without one is refused' });

const Compensation = Type.Object({
  perDay: Type.Number({ minimum: 0, description: 'payable to the consumer per day of delay' }),
  currency: Type.Literal('INR'),
  source: Source,
  confirmed: Type.Boolean({ description: 'false until checked against the notified schedule' }),
}, { additionalProperties: false });

const HoursByArea = Type.Object({
  metropolitan: Type.Integer({ minimum: 1 }),
  'other-municipal': Type.Integer({ minimum: 1 }),
  rural: Type.Integer({ minimum: 1 }),
}, { additionalProperties: false });

const TimelineSpec = Type.Object({
  hours: Type.Union([Type.Integer({ minimum: 1 }), HoursByArea], { description: 'hours to the due time; per area class where the rule differs by area' }),
  countsFrom: Type.Union([Type.Literal('submission'), Type.Literal('complete-application')], {
    default: 'submission',
    description: 'complete-application: the clock starts once documents and charges are in, not at the kiosk, so no date is promised',
  }),
  rule: Type.Object({ en: Type.String({ minLength: 1 }), hi: Type.String({ minLength: 1 }) }, { additionalProperties: false, description: '{days} and {hours} are replaced with the resolved numbers' }),
  source: Source,
  confirmed: Type.Boolean({ description: 'false until the time limit is checked against the notified schedule' }),
  compensation: Type.Union([Compensation, Type.Null()], { description: 'null: no compensation is known for this standard' }),
}, { additionalProperties: false });

export const KioskConfig = Type.Object({
  $schema: Type.Optional(Type.String()),
  version: Type.Literal(2, { description: 'older files are upgraded on load (config/migrations.ts)' }),
  kiosk: Type.Object({
    id: Type.String({ pattern: '^[A-Z0-9-]{3,32}$' }),
    siteCode: Type.String({ pattern: '^[A-Z]{2,4}$', description: 'appears in every reference number, e.g. KE-DLS-261126-00042' }),
    name: Bilingual,
    division: Bilingual,
    circle: Type.String({ pattern: '^circle-[0-9]+$' }),
    substation: Type.String({ minLength: 1, description: 'id of the nearest substation in config/network.json' }),
    areaClass: AreaClass,
  }, { additionalProperties: false }),
  http: Type.Object({
    host: Type.String({ default: '127.0.0.1', description: 'the consumer API binds to loopback unless a technician opens it' }),
    port: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
    bodyLimitBytes: Type.Integer({ minimum: 1024, maximum: 1048576, default: 16384 }),
  }, { additionalProperties: false, default: {} }),
  dataDir: Type.String({ minLength: 1, default: '/var/lib/ecorner' }),
  technician: Type.Object({
    host: Type.String({ default: '0.0.0.0', description: 'the technician listener (page, /api/technician/*, /metrics) is reachable from the kiosk LAN' }),
    port: Type.Integer({ minimum: 0, maximum: 65535, default: 8443, description: 'HTTPS (self-signed per kiosk); plain HTTP only in simulator mode; env ECORNER_TECHNICIAN_PORT' }),
    pinHash: Type.Optional(Type.String({ description: 'scrypt hash of the technician PIN (npm run technician:pin-hash); required outside simulator mode' })),
    metricsToken: Type.Optional(Type.String({ minLength: 16, description: 'bearer token for /metrics; open when unset' })),
  }, { additionalProperties: false, default: {} }),
  ui: Type.Object({
    livenessTimeoutSeconds: Type.Integer({ minimum: 10, default: 90, description: 'the touchscreen page is a fault when not seen for this long' }),
    restartCommand: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description: 'run (rate-limited) when the touchscreen is not running, e.g. ["systemctl", "restart", "ecorner-browser"]' })),
  }, { additionalProperties: false, default: {} }),
  store: Type.Object({
    pruneSyncedAfterDays: Type.Integer({ minimum: 1, default: 14, description: 'synced requests older than this leave the kiosk (central keeps them); keeps every write small' }),
  }, { additionalProperties: false, default: {} }),
  central: Type.Object({
    url: Type.String({ pattern: '^https?://' }),
    kioskSecret: Type.String({ minLength: 1, description: 'per-kiosk HMAC secret shared with central, or file:/etc/ecorner/kiosk.secret; outside simulator mode at least 32 random characters, no placeholder' }),
    heartbeatSeconds: Type.Integer({ minimum: 5, default: 60 }),
    requestTimeoutMs: Type.Integer({ minimum: 100, default: 10000 }),
    retryMaxSeconds: Type.Integer({ minimum: 1, default: 300 }),
  }, { additionalProperties: false }),
  payment: Type.Object({
    upiPayee: Type.String({ minLength: 3, description: 'UPI VPA of KESCO, pa= in the QR' }),
    upiName: Type.String({ minLength: 1, default: 'KESCO' }),
  }, { additionalProperties: false }),
  devices: Type.Object({
    printer: PrinterConfig,
    scanner: ScannerConfig,
    leds: LedsConfig,
  }, { additionalProperties: false }),
  timelines: Type.Record(Type.String({ pattern: '^[a-z-]+$' }), TimelineSpec),
  simulator: Type.Optional(Type.Object({
    startCentral: Type.Boolean({ default: true }),
    centralPort: Type.Integer({ minimum: 0, maximum: 65535, default: 8090 }),
  }, { additionalProperties: false })),
}, { additionalProperties: false });

/** The config as written (defaults merged with the site file), before timelines are resolved for the site's area. */
export type KioskConfigFile = Static<typeof KioskConfig>;
export type TimelineSpec = Static<typeof TimelineSpec>;
export type AreaClass = Static<typeof AreaClass>;
export type Compensation = Static<typeof Compensation>;
/** A timeline as the kiosk uses it: hours and wording resolved for the site's area class. */
export type Timeline = Omit<TimelineSpec, 'hours'> & { hours: number };
export type KioskConfig = Omit<KioskConfigFile, 'timelines'> & { timelines: Record<string, Timeline> };
export type PrinterConfig = Static<typeof PrinterConfig>;
export type ScannerConfig = Static<typeof ScannerConfig>;
export type LedsConfig = Static<typeof LedsConfig>;

const Substation = Type.Object({ id: Type.String({ pattern: '^[a-z-]+$' }), name: Bilingual }, { additionalProperties: false });

export const NetworkConfig = Type.Object({
  $schema: Type.Optional(Type.String()),
  source: Type.String(),
  circles: Type.Array(Type.Object({
    id: Type.String({ pattern: '^circle-[0-9]+$' }),
    name: Bilingual,
    substations: Type.Array(Substation, { minItems: 1 }),
    helplineComplaints: Type.Optional(Type.Object({ from: Type.String(), to: Type.String(), count: Type.Integer({ minimum: 0 }) }, { additionalProperties: false })),
  }, { additionalProperties: false }), { minItems: 1 }),
}, { additionalProperties: false });
export type NetworkConfig = Static<typeof NetworkConfig>;
