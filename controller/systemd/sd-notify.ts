// systemd readiness and watchdog. Node cannot send on AF_UNIX datagram
// sockets, so systemd-notify(1) does it (the unit sets NotifyAccess=all).
// Without NOTIFY_SOCKET (development, tests) every call is a no-op; a failed
// send only warns: the watchdog, not this code, decides what a hang is.
import { execFile } from 'node:child_process';
import type { Logger } from '../log/logger.js';

export interface SdNotifier {
  ready(status: string): void;
  status(status: string): void;
  stopping(): void;
  /** starts pinging at half of WATCHDOG_USEC while `healthy()` says so */
  startWatchdog(healthy: () => boolean): void;
  close(): void;
}

/** Sends assignments to systemd; tests pass a fake that records them. */
export type NotifySend = (assignments: string[], done: (err: Error | null) => void) => void;

const systemdNotify: NotifySend = (assignments, done) => {
  execFile('systemd-notify', ['--no-block', `--pid=${process.pid}`, ...assignments], (err) => done(err));
};

export function createSdNotifier(log: Logger, env: NodeJS.ProcessEnv = process.env, transport: NotifySend = systemdNotify): SdNotifier {
  const socket = env.NOTIFY_SOCKET;
  let timer: NodeJS.Timeout | undefined;
  const send = (...assignments: string[]) => {
    if (!socket) return;
    transport(assignments, (err) => {
      if (err) log.warn({ event: 'systemd-notify-failed', err: err.message }, 'systemd-notify failed');
    });
  };
  return {
    ready: (status) => send('READY=1', `STATUS=${status}`),
    status: (status) => send(`STATUS=${status}`),
    stopping: () => send('STOPPING=1'),
    startWatchdog(healthy) {
      const usec = Number(env.WATCHDOG_USEC);
      if (!socket || !Number.isFinite(usec) || usec <= 0) return;
      timer = setInterval(() => {
        if (healthy()) send('WATCHDOG=1');
        else log.warn({ event: 'watchdog-withheld' }, 'event loop or health loop stalled: withholding watchdog ping');
      }, Math.max(100, usec / 1000 / 2));
      timer.unref();
    },
    close() {
      if (timer) clearInterval(timer);
    },
  };
}
