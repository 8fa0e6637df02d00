// What every concern of the running kiosk may use. Built once in main.ts
// (or by a test helper) and handed to the Fastify app and the concerns.
import type { KioskConfig, NetworkConfig } from '../config/schema.js';
import type { EventBus } from './events/bus.js';
import type { HealthRegistry } from './health/registry.js';
import type { Logger } from './log/logger.js';

export interface KioskContext {
  config: KioskConfig;
  network: NetworkConfig;
  log: Logger;
  bus: EventBus;
  health: HealthRegistry;
  version: string;
  /** true when virtual devices and a local central stand in for hardware */
  simulator: boolean;
  now: () => Date;
}
