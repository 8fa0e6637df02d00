import t from 'tap';
import {
  decodeErrorByte, decodeOfflineCauseByte, decodePaperByte, decodePrinterByte, decodeStatusReplies,
  canSend, dleEot, encodeStatusBytes, isGsRPaperByte, isRealtimeStatusByte, printerHealth, summarizeStatus,
} from '../../../../drivers/printer/status.js';
import type { RawPrinterStatus } from '../../../../drivers/printer/types.js';

const idle: [number, number, number, number] = [0x12, 0x12, 0x12, 0x12];
const decode = (bytes: number[]) => decodeStatusReplies(bytes.map((b) => [b]));

t.test('request frames are DLE EOT n', async (t) => {
  t.same([...dleEot(1)], [0x10, 0x04, 0x01]);
  t.same([...dleEot(4)], [0x10, 0x04, 0x04]);
});

t.test('DLE EOT 1 printer status, bit by bit', async (t) => {
  t.same(decodePrinterByte(0x12), { ok: true, value: { drawerPin3High: false, offline: false, waitingOnlineRecovery: false, feedButtonPressed: false } });
  t.equal((decodePrinterByte(0x16) as { ok: true; value: RawPrinterStatus['printer'] }).value.drawerPin3High, true, 'bit 2 drawer pin 3');
  t.equal((decodePrinterByte(0x1a) as { ok: true; value: RawPrinterStatus['printer'] }).value.offline, true, 'bit 3 offline');
  t.equal((decodePrinterByte(0x32) as { ok: true; value: RawPrinterStatus['printer'] }).value.waitingOnlineRecovery, true, 'bit 5');
  t.equal((decodePrinterByte(0x52) as { ok: true; value: RawPrinterStatus['printer'] }).value.feedButtonPressed, true, 'bit 6');
});

t.test('DLE EOT 2 offline cause, bit by bit', async (t) => {
  const v = (b: number) => (decodeOfflineCauseByte(b) as { ok: true; value: RawPrinterStatus['offlineCause'] }).value;
  t.same(v(0x12), { coverOpen: false, feedingByButton: false, stoppedByPaperEnd: false, errorOccurred: false });
  t.equal(v(0x16).coverOpen, true, 'bit 2 cover open');
  t.equal(v(0x1a).feedingByButton, true, 'bit 3 paper feed button');
  t.equal(v(0x32).stoppedByPaperEnd, true, 'bit 5 printing stopped by paper end');
  t.equal(v(0x52).errorOccurred, true, 'bit 6 error');
});

t.test('DLE EOT 3 error cause, bit by bit', async (t) => {
  const v = (b: number) => (decodeErrorByte(b) as { ok: true; value: RawPrinterStatus['error'] }).value;
  t.same(v(0x12), { mechanical: false, autoCutter: false, unrecoverable: false, autoRecoverable: false });
  t.equal(v(0x16).mechanical, true, 'bit 2 mechanical');
  t.equal(v(0x1a).autoCutter, true, 'bit 3 auto-cutter');
  t.equal(v(0x32).unrecoverable, true, 'bit 5 unrecoverable');
  t.equal(v(0x52).autoRecoverable, true, 'bit 6 auto-recoverable');
});

t.test('DLE EOT 4 roll paper sensor, bit pairs', async (t) => {
  const v = (b: number) => (decodePaperByte(b) as { ok: true; value: RawPrinterStatus['paper'] }).value;
  t.same(v(0x12), { nearEnd: false, end: false });
  t.same(v(0x1e), { nearEnd: true, end: false }, 'bits 2+3 near end');
  t.same(v(0x72), { nearEnd: false, end: true }, 'bits 5+6 paper end');
  t.same(v(0x7e), { nearEnd: true, end: true });
  t.same(v(0x16), { nearEnd: true, end: false }, 'one bit of the pair is enough');
});

t.test('fixed bits are checked on every byte', async (t) => {
  for (const bad of [0x00, 0xff, 0x10, 0x02, 0x13, 0x92, 0x03]) {
    t.notOk(isRealtimeStatusByte(bad), `0x${bad.toString(16)} is not a status byte`);
    t.equal(decodePrinterByte(bad).ok, false);
    t.equal(decodeOfflineCauseByte(bad).ok, false);
    t.equal(decodeErrorByte(bad).ok, false);
    t.equal(decodePaperByte(bad).ok, false);
  }
  t.equal(decodePrinterByte(256).ok, false);
  t.equal(decodePrinterByte(-1).ok, false);
  t.equal(decodePrinterByte(Number.NaN).ok, false);
  t.ok(isGsRPaperByte(0x00) && isGsRPaperByte(0x0c) && !isGsRPaperByte(0x12), 'GS r replies have bit 4 clear');
});

t.test('short, long and garbage replies are errors, not throws', async (t) => {
  t.match(decodeStatusReplies([]), { ok: false, error: /DLE EOT 1: no reply/ });
  t.match(decodeStatusReplies([[0x12], [0x12], [0x12]]), { ok: false, error: /DLE EOT 4: no reply/ });
  t.match(decodeStatusReplies([[0x12], [], [0x12], [0x12]]), { ok: false, error: /DLE EOT 2: no reply/ });
  t.match(decodeStatusReplies([[0x12, 0x12], [0x12], [0x12], [0x12]]), { ok: false, error: /2 bytes/ });
  t.match(decode([0x12, 0x12, 0xff, 0x12]), { ok: false, error: /DLE EOT 3/ });
  t.match(decodeStatusReplies([Buffer.from('HTTP'), [0x12], [0x12], [0x12]]), { ok: false });
});

t.test('summary from the four tables', async (t) => {
  const s = (bytes: number[]) => {
    const r = decode(bytes);
    if (!r.ok) throw new Error(r.error);
    return summarizeStatus(r.value);
  };
  t.same(s(idle), { state: 'ready', paperNearEnd: false });
  t.same(s([0x12, 0x12, 0x12, 0x1e]), { state: 'ready', paperNearEnd: true });
  t.same(s([0x1a, 0x32, 0x12, 0x72]), { state: 'paper-end' }, 'paper end, offline, stopped by paper end');
  t.same(s([0x12, 0x12, 0x12, 0x72]), { state: 'paper-end' }, 'sensor alone');
  t.same(s([0x1a, 0x16, 0x12, 0x12]), { state: 'cover-open' });
  t.same(s([0x1a, 0x36, 0x12, 0x72]), { state: 'cover-open' }, 'cover open wins over paper end');
  t.same(s([0x1a, 0x52, 0x1a, 0x12]), { state: 'error', cause: 'auto-cutter' });
  t.same(s([0x1a, 0x52, 0x16, 0x12]), { state: 'error', cause: 'mechanical' });
  t.same(s([0x1a, 0x52, 0x32, 0x12]), { state: 'error', cause: 'unrecoverable' });
  t.same(s([0x1a, 0x52, 0x3e, 0x16]), { state: 'error', cause: 'unrecoverable' }, 'unrecoverable outranks the rest');
  t.same(s([0x1a, 0x52, 0x52, 0x12]), { state: 'error', cause: 'auto-recoverable' });
  t.same(s([0x1a, 0x12, 0x12, 0x12]), { state: 'error', cause: 'offline-other' });
  t.same(s([0x16, 0x12, 0x12, 0x12]), { state: 'ready', paperNearEnd: false }, 'drawer pin does not matter');
});

t.test('encode is the inverse of decode', async (t) => {
  for (let mask = 0; mask < 1 << 14; mask += 37) {
    const flags = Array.from({ length: 14 }, (_, i) => (mask & (1 << i)) !== 0);
    const raw: RawPrinterStatus = {
      printer: { drawerPin3High: flags[0]!, offline: flags[1]!, waitingOnlineRecovery: flags[2]!, feedButtonPressed: flags[3]! },
      offlineCause: { coverOpen: flags[4]!, feedingByButton: flags[5]!, stoppedByPaperEnd: flags[6]!, errorOccurred: flags[7]! },
      error: { mechanical: flags[8]!, autoCutter: flags[9]!, unrecoverable: flags[10]!, autoRecoverable: flags[11]! },
      paper: { nearEnd: flags[12]!, end: flags[13]! },
    };
    const back = decode(encodeStatusBytes(raw));
    if (!back.ok || JSON.stringify(back.value) !== JSON.stringify(raw)) t.fail(`round trip ${mask}`);
  }
  t.pass('round trips');
});

t.test('health levels', async (t) => {
  t.match(printerHealth({ state: 'ready', paperNearEnd: false }), { level: 'ok', state: 'ready' });
  t.match(printerHealth({ state: 'ready', paperNearEnd: true }), { level: 'warning', state: 'paper-near-end' });
  t.match(printerHealth({ state: 'paper-end' }), { level: 'fault', state: 'paper-end' });
  t.match(printerHealth({ state: 'offline', cause: 'no-reply' }), { level: 'fault', state: 'offline' });
  t.match(printerHealth({ state: 'error', cause: 'auto-cutter' }), { level: 'fault', state: 'error-auto-cutter' });
});

t.test('write-only links and printers that stopped confirming are never ok', async (t) => {
  t.match(printerHealth({ state: 'write-only' }), { level: 'warning', state: 'write-only' });
  t.match(printerHealth({ state: 'error', cause: 'not-confirming' }), { level: 'fault', state: 'error-not-confirming' });
  t.ok(canSend({ state: 'write-only' }), 'a write-only link may be sent to');
  t.ok(canSend({ state: 'ready', paperNearEnd: true }));
  t.notOk(canSend({ state: 'error', cause: 'not-confirming' }));
  t.notOk(canSend({ state: 'offline', cause: 'no-reply' }));
});
