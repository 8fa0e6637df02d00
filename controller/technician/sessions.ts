// Technician sessions: a small in-memory table (a restart logs everyone out,
// which is what a kiosk should do). Ids are 32 random bytes; a session ends
// after `idleMs` without a request, or on logout.
import { randomBytes } from 'node:crypto';

export interface Session {
  id: string;
  /** who ran something, for self-test records: "technician@<address>" */
  who: string;
  createdAt: Date;
  lastSeenAt: Date;
}

export const SESSION_IDLE_MS = 30 * 60 * 1000;
const MAX_SESSIONS = 32;

export class SessionTable {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly now: () => Date, private readonly idleMs = SESSION_IDLE_MS) {}

  create(who: string): Session {
    this.sweep();
    // A flood of logins must not grow memory: the least recently used goes.
    if (this.sessions.size >= MAX_SESSIONS) {
      const oldest = [...this.sessions.values()].sort((a, b) => a.lastSeenAt.getTime() - b.lastSeenAt.getTime())[0];
      if (oldest) this.sessions.delete(oldest.id);
    }
    const at = this.now();
    const session: Session = { id: randomBytes(32).toString('base64url'), who, createdAt: at, lastSeenAt: at };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session for this id, its idle clock restarted; undefined when unknown or expired. */
  touch(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    const at = this.now();
    if (at.getTime() - session.lastSeenAt.getTime() > this.idleMs) {
      this.sessions.delete(id);
      return undefined;
    }
    session.lastSeenAt = at;
    return session;
  }

  end(id: string | undefined): void {
    if (id) this.sessions.delete(id);
  }

  get size(): number {
    return this.sessions.size;
  }

  private sweep(): void {
    const at = this.now().getTime();
    for (const [id, s] of this.sessions) if (at - s.lastSeenAt.getTime() > this.idleMs) this.sessions.delete(id);
  }
}
