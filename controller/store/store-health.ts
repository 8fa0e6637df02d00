// How the store's condition reads on the health page.
import type { DeviceHealth } from '../health/model.js';
import type { StoreRecovery } from './request-store.js';

export function storeHealth(recovery: StoreRecovery | null, size: number): Omit<DeviceHealth, 'since'> {
  if (!recovery) return { level: 'ok', state: 'ready', detail: `${size} requests on disk` };
  const reasons: string[] = [];
  const { database, legacy } = recovery;
  if (database) reasons.push(`${database.file} was unusable (${database.error}); kept as ${database.keptAs}; started a new database, references continue above ${database.highestSequenceFound}`);
  if (legacy && legacy.problems.length > 0) {
    reasons.push(`imported the JSON store with problems: ${legacy.problems.join('; ')}`
      + (legacy.rejectedKeptAs ? `; left-out entries kept in ${legacy.rejectedKeptAs}` : '')
      + `; references continue above ${legacy.sequence}`);
  }
  return { level: 'warning', state: 'recovered', detail: `${reasons.join('. ')}. ${size} requests on disk` };
}
