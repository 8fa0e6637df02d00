// When a request is due, from the timeline in config (with its source).
import type { Timeline } from '../../config/schema.js';
import type { FieldValue } from '../store/types.js';
import type { ServiceSpec } from './types.js';

/** The timeline key for this request: a chosen option may carry its own. */
export function timelineKey(service: ServiceSpec, fields: Record<string, FieldValue>): string | undefined {
  for (const spec of service.fields) {
    if (spec.type !== 'enum') continue;
    const chosen = spec.options.find((o) => o.value === fields[spec.name]);
    if (chosen?.timeline) return chosen.timeline;
  }
  return service.timeline;
}

export function dueBy(createdAt: Date, timeline: Timeline): Date {
  return new Date(createdAt.getTime() + timeline.hours * 3600 * 1000);
}
