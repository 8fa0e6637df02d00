// What an RT ticket says about a kiosk request: bilingual subject, a body in
// words with the masked mobile only, the custom fields, the circle's queue.
import t from 'tap';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { NetworkConfig } from '../../../../config/schema.js';
import { circleOf, formatIst, TicketContent } from '../../../../central/helpdesk/ticket-content.js';
import { kioskStatusOf } from '../../../../central/helpdesk/status-map.js';
import { noteFromReply } from '../../../../central/helpdesk/rt.js';
import type { RequestIntake } from '../../../../protocol/requests.js';

const network = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', '..', '..', '..', 'config', 'network.json'), 'utf8')) as NetworkConfig;
const kiosk = { id: 'KE-DLS-01', name: 'Dehli Sujanpur', circle: 'circle-3', substation: 'dehli-sujanpur' };
const body = (over: Partial<RequestIntake> = {}): RequestIntake => ({
  reference: 'KE-DLS-261201-00007',
  service: 'billing-complaint',
  mobile: '9876543210',
  account: '1234567890',
  fields: { type: 'wrong-reading', description: 'Reading 4521 billed as 5421' },
  createdAt: '2026-12-01T04:30:00.000Z',
  dueBy: '2026-12-08T04:30:00.000Z',
  ...over,
});

t.test('subject, body and custom fields', async (t) => {
  const ticket = new TicketContent(network).build({ body: body(), centralTicket: 'HD-000042', kiosk });
  t.equal(ticket.subject, 'बिल संबंधी शिकायत / Billing complaint — KE-DLS-261201-00007');
  t.equal(ticket.circle, 'circle-3');
  t.equal(ticket.dueBy, '2026-12-08T04:30:00.000Z');
  t.same(ticket.customFields, { Reference: 'KE-DLS-261201-00007', Service: 'billing-complaint', Account: '1234567890', Kiosk: 'KE-DLS-01', Substation: 'dehli-sujanpur', Mobile: '9876543210' });
  t.match(ticket.body, 'Mobile / मोबाइल: 98xxxxxx10');
  t.notMatch(ticket.body, '9876543210', 'the full mobile is only in its custom field');
  t.match(ticket.body, 'Complaint / शिकायत: Wrong meter reading / गलत मीटर रीडिंग');
  t.match(ticket.body, 'Reading 4521 billed as 5421');
  t.match(ticket.body, 'Due / नियत समय: 08-12-2026 10:00 IST');
  t.match(ticket.body, 'central HD-000042');
});

t.test('a supply complaint goes to its substation\'s circle', async (t) => {
  const supply = body({ service: 'supply-complaint', fields: { substation: 'phoolbagh', type: 'transformer-failure' } });
  const ticket = new TicketContent(network).build({ body: supply, centralTicket: 'HD-000043', kiosk });
  t.equal(ticket.circle, 'circle-1');
  t.equal(ticket.customFields.Substation, 'phoolbagh');
  t.match(ticket.body, 'Substation / सबस्टेशन: Phoolbagh / फूलबाग (Circle 1)');
  t.equal(circleOf(supply, kiosk, null), 'circle-3', 'without the network list: the kiosk\'s circle');
  t.equal(circleOf(body(), { circle: undefined }, network), null);
});

t.test('without the network list the ticket still names everything', async (t) => {
  const ticket = new TicketContent(null).build({ body: body({ account: undefined }), centralTicket: 'HD-000044', kiosk });
  t.equal(ticket.subject, 'billing-complaint / billing-complaint — KE-DLS-261201-00007');
  t.notOk('Account' in ticket.customFields);
  t.match(ticket.body, 'type: wrong-reading');
});

t.test('IST for people', async (t) => {
  t.equal(formatIst('2026-12-01T18:45:00.000Z'), '02-12-2026 00:15 IST');
});

t.test('RT status → kiosk status', async (t) => {
  t.equal(kioskStatusOf('new'), 'received');
  t.equal(kioskStatusOf('open'), 'in-progress');
  t.equal(kioskStatusOf('stalled'), 'waiting-on-consumer');
  t.equal(kioskStatusOf('resolved'), 'resolved');
  t.equal(kioskStatusOf('rejected'), 'rejected');
  t.equal(kioskStatusOf('Resolved'), 'resolved');
  t.equal(kioskStatusOf('deleted'), undefined, 'deleted keeps the last status');
  t.equal(kioskStatusOf('escalated'), undefined, "a custom lifecycle's status keeps the last one");
});

t.test('a staff reply as the consumer note', async (t) => {
  t.equal(noteFromReply('  Meter replaced.\r\nCall 9876543210 if not.\u0007 '), 'Meter replaced.\nCall 98xxxxxx10 if not.', 'trimmed, mobiles masked, control characters gone');
  t.equal(noteFromReply(' \n '), undefined);
  const long = noteFromReply(`${'word '.repeat(200)}`)!;
  t.ok(long.length <= 500, 'fits the kiosk protocol');
  t.match(long, /word…$/, 'cut at a word');
});
