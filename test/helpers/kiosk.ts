// An in-process kiosk on loopback with a temp data dir, closed on teardown.
import type { Test } from 'tap';
import { pino } from 'pino';
import { startKiosk, type RunningKiosk } from '../../controller/kiosk.js';
import { loadTestConfig, tempDir } from './config.js';

export interface TestKioskOptions {
  dataDir?: string;
  simulator?: boolean;
  now?: () => Date;
  modify?: (c: Record<string, any>) => void;
}

export async function startTestKiosk(t: Test, options: TestKioskOptions = {}): Promise<RunningKiosk & { dataDir: string }> {
  const dataDir = options.dataDir ?? tempDir();
  const loaded = loadTestConfig(dataDir, options.modify);
  const kiosk = await startKiosk(loaded, {
    simulator: options.simulator ?? true,
    log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    ...(options.now ? { now: options.now } : {}),
  });
  t.teardown(() => kiosk.stop());
  return { ...kiosk, dataDir };
}

export const validComplaint = {
  service: 'billing-complaint',
  mobile: '9876543210',
  account: '1234567890',
  fields: { type: 'wrong-reading' },
};
