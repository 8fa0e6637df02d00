// Request → receipt bytes, with what the layout needs looked up from the
// catalogue and config. This is the `render` the print queue is given.
import type { KioskConfig } from '../../config/schema.js';
import { encodeDocument } from '../../drivers/printer/escpos.js';
import { timelineKey } from '../services/due-date.js';
import type { ServiceSpec } from '../services/types.js';
import type { StoredRequest } from '../store/types.js';
import { buildReceipt } from './layout.js';
import type { RenderOptions } from './print-queue.js';

export function receiptRenderer(catalogue: readonly ServiceSpec[], config: Pick<KioskConfig, 'timelines' | 'kiosk'> & { devices: { printer: { paperWidthMm: 58 | 80 } } }) {
  return (request: StoredRequest, options: RenderOptions = {}): Uint8Array => {
    const service = catalogue.find((s) => s.id === request.service);
    const key = service ? timelineKey(service, request.fields) : undefined;
    const doc = buildReceipt({ request, service, timeline: key ? config.timelines[key] : undefined, site: config.kiosk.name, ...options });
    return encodeDocument(doc, { paperWidthMm: config.devices.printer.paperWidthMm });
  };
}
