// Picks the help desk from central's config. `builtin` (the default) needs
// nothing outside central; `rt` reads its credential from a file (never from
// the config itself) and starts the hand-over / status loop.
import { readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { NetworkConfig } from '../../config/schema.js';
import type { CentralConfig } from '../config/schema.js';
import type { Db } from '../db/database.js';
import type { TicketService } from '../intake/tickets.js';
import { BuiltinHelpDesk } from './builtin.js';
import { RtHelpDesk } from './rt.js';
import { HelpDeskSync, type HelpDeskHealth } from './sync.js';
import { TicketContent } from './ticket-content.js';
import type { HelpDesk } from './types.js';

export type { HelpDesk, HelpDeskHealth };

export class HelpDeskConfigError extends Error {
  override readonly name = 'HelpDeskConfigError';
}

/** `file:<path>` → the first line of the file, trimmed. */
export async function readSecretFile(ref: string, what: string): Promise<string> {
  const file = ref.slice('file:'.length);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new HelpDeskConfigError(`${what}: cannot read ${file}: ${(err as Error).message}`);
  }
  const value = text.split('\n')[0]!.trim();
  if (!value) throw new HelpDeskConfigError(`${what}: ${file} is empty`);
  return value;
}

export interface HelpDeskParts {
  helpdesk: HelpDesk;
  /** null for the built-in help desk: nothing to hand over */
  sync: HelpDeskSync | null;
  health(): HelpDeskHealth;
}

export async function createHelpDesk(config: CentralConfig, deps: { db: Db; tickets: TicketService; network: NetworkConfig | null; now: () => Date; log: Logger; fetch?: typeof fetch }): Promise<HelpDeskParts> {
  const hd = config.helpdesk;
  if (hd.type === 'builtin') {
    const helpdesk = new BuiltinHelpDesk(deps.tickets);
    const since = deps.now().toISOString();
    return { helpdesk, sync: null, health: () => ({ kind: 'builtin', describe: helpdesk.describe, state: 'ok', since, pending: 0, refused: 0 }) };
  }
  const credential = await readSecretFile(hd.token, 'helpdesk.token');
  const helpdesk = new RtHelpDesk({
    url: hd.url,
    credential,
    queues: hd.queues,
    ...(hd.defaultQueue ? { defaultQueue: hd.defaultQueue } : {}),
    timeoutMs: hd.timeoutMs ?? 10_000,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
  const content = new TicketContent(deps.network);
  const kiosks = new Map(config.kiosks.map((k) => [k.id, k]));
  const sync = new HelpDeskSync({
    db: deps.db,
    tickets: deps.tickets,
    helpdesk,
    content: (row) => content.build({ body: row.body, centralTicket: row.centralTicket, kiosk: kiosks.get(row.kioskId) ?? { id: row.kioskId, name: row.kioskId } }),
    now: deps.now,
    log: deps.log,
    pollMs: (hd.pollSeconds ?? 30) * 1000,
    backoff: { baseMs: 1000, maxMs: (hd.retryMaxSeconds ?? 300) * 1000 },
  });
  return { helpdesk, sync, health: () => sync.health() };
}
