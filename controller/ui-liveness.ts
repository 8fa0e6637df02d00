// Is the touchscreen alive? The consumer UI keeps an event stream open for
// as long as its page runs, so an open stream means a live browser; when it
// drops, the last time it was seen is what central gets.
import type { EventBus } from './events/bus.js';

export class UiLiveness {
  private lastSeen: Date | null = null;

  constructor(private readonly bus: EventBus, private readonly now: () => Date) {}

  lastSeenAt(): Date | null {
    if (this.bus.listenerCount('scan') > 0) this.lastSeen = this.now();
    return this.lastSeen;
  }
}
