// controller/scanner/service.ts: payload → parse → dedupe (injected clock) → bus; status → health.
import t from 'tap';
import { EventBus, type ScanEvent } from '../../../../controller/events/bus.js';
import { HealthRegistry } from '../../../../controller/health/registry.js';
import { createLogger } from '../../../../controller/log/logger.js';
import { ScannerService, scannerHealth } from '../../../../controller/scanner/service.js';
import { Listeners, type Scanner, type ScannerPayload, type ScannerStatus } from '../../../../drivers/scanner/types.js';

class MockScanner implements Scanner {
  readonly backend = 'serial' as const;
  current: ScannerStatus = { state: 'stopped' };
  readonly scans = new Listeners<ScannerPayload>();
  readonly statuses = new Listeners<ScannerStatus>();
  async start() { this.set({ state: 'ready', device: '/dev/ttyACM0' }); }
  async stop() { this.set({ state: 'stopped' }); }
  status() { return this.current; }
  onScan(l: (p: ScannerPayload) => void) { return this.scans.add(l); }
  onStatus(l: (s: ScannerStatus) => void) { return this.statuses.add(l); }
  set(s: ScannerStatus) { this.current = s; this.statuses.emit(s); }
  scan(text: string, extra: Partial<ScannerPayload> = {}) { this.scans.emit({ bytes: Buffer.from(text, 'latin1'), ...extra }); }
}

function setup(config = { aimPrefix: true, maxLength: 64, duplicateWindowMs: 1500 }) {
  const bus = new EventBus();
  const health = new HealthRegistry(bus);
  const scanner = new MockScanner();
  let now = Date.parse('2026-11-26T10:00:00Z');
  const service = new ScannerService({ scanner, config, bus, health, log: createLogger({ level: 'silent' }), now: () => new Date(now) });
  const events: ScanEvent[] = [];
  bus.on(events, 'scan', (e) => events.push(e));
  return { bus, health, scanner, service, events, advance: (ms: number) => { now += ms; } };
}

t.test('payloads become scan events with kind, value and time; duplicates inside the window are dropped', async (t) => {
  const h = setup();
  await h.service.start();
  h.scanner.scan('1234567890');
  h.advance(500);
  h.scanner.scan('1234567890');
  h.advance(1500);
  h.scanner.scan('1234567890');
  t.same(h.events.map((e) => [e.kind, e.value, e.at]), [
    ['account', '1234567890', '2026-11-26T10:00:00.000Z'],
    ['account', '1234567890', '2026-11-26T10:00:02.000Z'],
  ]);
  t.same(Object.keys(h.events[0]!).sort(), ['at', 'kind', 'type', 'value']);
});

t.test('HID-POS out-of-band AIM identifiers and framer overflow are honoured', async (t) => {
  const h = setup();
  await h.service.start();
  h.scanner.scan('KE-DLS-261126-00042', { symbology: ']Q1' });
  h.scanner.scan('1234567890', { overflow: true });
  t.match(h.events[0], { kind: 'receipt', value: 'KE-DLS-261126-00042', detail: { symbology: 'qr' } });
  t.match(h.events[1], { kind: 'unknown', detail: { reason: 'too-long' } });
});

t.test('driver status drives health; stop unsubscribes', async (t) => {
  const h = setup();
  await h.service.start();
  t.match(h.health.get('scanner'), { level: 'ok', state: 'ready' });
  h.scanner.set({ state: 'error', cause: 'disconnected', detail: '/dev/ttyACM0: gone', retryInMs: 1000 });
  t.match(h.health.get('scanner'), { level: 'warning', state: 'disconnected', detail: '/dev/ttyACM0: gone' });
  await h.service.stop();
  h.scanner.scan('1234567890');
  t.equal(h.events.length, 0, 'no events after stop');
  t.same(scannerHealth({ state: 'starting' }), { level: 'warning', state: 'starting' });
});
