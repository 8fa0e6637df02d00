// A typed event bus. Listeners are grouped by owner so a concern's stop()
// removes all of its listeners in one call (zigbee2mqtt's eventBus habit).
import { EventEmitter } from 'node:events';
import type { DeviceHealth } from '../health/model.js';

import type { ScanEvent } from './types.js';

export type { ScanEvent };

export interface EventMap {
  'device-status': { device: string; health: DeviceHealth };
  scan: ScanEvent;
  'request-created': { reference: string; service: string };
  /** a request could not be made durable; the consumer was told nothing was submitted */
  'store-write-failed': { error: string };
  'receipt-state': { reference: string; state: string; reason?: string };
}

type Listener<K extends keyof EventMap> = (payload: EventMap[K]) => void;

export class EventBus {
  private readonly emitter = new EventEmitter();
  private readonly owned = new Map<object, Array<[keyof EventMap, (payload: never) => void]>>();

  constructor() {
    // SSE clients each add a listener; the default cap of 10 would warn.
    this.emitter.setMaxListeners(0);
  }

  emit<K extends keyof EventMap>(event: K, payload: EventMap[K]): void {
    this.emitter.emit(event, payload);
  }

  on<K extends keyof EventMap>(owner: object, event: K, listener: Listener<K>): void {
    this.emitter.on(event, listener);
    const list = this.owned.get(owner) ?? [];
    list.push([event, listener as (payload: never) => void]);
    this.owned.set(owner, list);
  }

  removeListeners(owner: object): void {
    for (const [event, listener] of this.owned.get(owner) ?? []) this.emitter.off(event, listener as (...args: unknown[]) => void);
    this.owned.delete(owner);
  }

  listenerCount(event: keyof EventMap): number {
    return this.emitter.listenerCount(event);
  }
}
