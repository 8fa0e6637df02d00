// How the request store's condition reads on the health page.
import type { DeviceHealth } from '../health/model.js';
import type { RecoveryReport } from './durable-json-file.js';

export function storeHealth(recovery: RecoveryReport | null, size: number): Omit<DeviceHealth, 'since'> {
  if (!recovery) return { level: 'ok', state: 'ready', detail: `${size} requests on disk` };
  const restored = recovery.restoredFrom === 'previous-generation' ? 'previous generation restored' : 'no previous generation: started empty';
  return { level: 'warning', state: 'recovered', detail: `${recovery.file} was unreadable (${recovery.error}); kept as ${recovery.keptAs}; ${restored}` };
}
