// Upgrades an older site file to the current `version`, step by step, so a
// kiosk keeps starting after a software update. Pure: takes the parsed JSON,
// returns the upgraded copy and a line per change for the start-up log.

export const CURRENT_VERSION = 2;

type Json = Record<string, unknown>;
export interface Migrated {
  data: Json;
  from: number;
  notes: string[];
}

const steps: Record<number, (data: Json, notes: string[]) => Json> = {
  /**
   * 1 → 2: version 1 files were full copies, each with its own `timelines`
   * block. Those blocks were identical copies of one set whose sources were
   * wrong and which had no compensation: they give way to the shared
   * defaults. They counted new connections as 3 days, the metropolitan
   * figure, so `kiosk.areaClass` becomes "metropolitan".
   */
  1: (data, notes) => {
    const { timelines, ...rest } = data;
    if (timelines !== undefined) notes.push('timelines: the site copy is replaced by the shared defaults (config/defaults.json)');
    const kiosk = (rest.kiosk ?? {}) as Json;
    if (typeof kiosk === 'object' && kiosk !== null && kiosk.areaClass === undefined) {
      rest.kiosk = { ...kiosk, areaClass: 'metropolitan' };
      notes.push('kiosk.areaClass: set to "metropolitan" (what version 1 counted with)');
    }
    return { ...rest, version: 2 };
  },
};

/** Throws a plain Error with the reason when the version is missing, unknown or newer than this software. */
export function migrate(input: unknown): Migrated {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('(top level): must be an object');
  let data = structuredClone(input) as Json;
  const from = data.version;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1) throw new Error(`version: must be a whole number from 1 to ${CURRENT_VERSION}, got ${JSON.stringify(from)}`);
  if (from > CURRENT_VERSION) throw new Error(`version: ${from} is newer than this software understands (${CURRENT_VERSION}); update the kiosk software`);
  const notes: string[] = [];
  for (let v = from; v < CURRENT_VERSION; v++) data = steps[v]!(data, notes);
  return { data, from, notes };
}
