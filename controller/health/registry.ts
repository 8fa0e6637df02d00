// Holds the latest health of every part of the kiosk and announces changes.
import type { EventBus } from '../events/bus.js';
import { isSignificantChange, worstLevel, type DeviceHealth, type HealthLevel } from './model.js';

export class HealthRegistry {
  private readonly parts = new Map<string, DeviceHealth>();

  constructor(private readonly bus: EventBus, private readonly now: () => Date = () => new Date()) {}

  set(part: string, health: Omit<DeviceHealth, 'since'>): void {
    const previous = this.parts.get(part);
    if (!isSignificantChange(previous, health)) return;
    const next: DeviceHealth = { ...health, since: this.now().toISOString() };
    this.parts.set(part, next);
    this.bus.emit('device-status', { device: part, health: next });
  }

  get(part: string): DeviceHealth | undefined {
    return this.parts.get(part);
  }

  snapshot(): { level: HealthLevel; parts: Record<string, DeviceHealth> } {
    return { level: worstLevel([...this.parts.values()].map((p) => p.level)), parts: Object.fromEntries(this.parts) };
  }
}
