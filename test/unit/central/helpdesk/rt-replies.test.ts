// What RT answers is checked before it is used: a login page, an error, a
// reply of the wrong shape or no answer at all become a HelpDeskError that
// says which call and why — never a half-read ticket. (Fetch injected: no
// sockets; the real RT is in test/integration/central/helpdesk-rt*.test.ts.)
import t from 'tap';
import { RtHelpDesk } from '../../../../central/helpdesk/rt.js';
import { HelpDeskError } from '../../../../central/helpdesk/types.js';

const ticket = { reference: 'KE-DLS-261201-00007', centralTicket: 'HD-000007', kioskId: 'KE-DLS-01', circle: 'circle-3', subject: 's', body: 'b', customFields: { Reference: 'KE-DLS-261201-00007' }, dueBy: '2026-12-08T04:30:00.123Z' };

function rt(answer: (url: string, init: RequestInit) => Response | Promise<Response>, seen: Array<{ url: string; init: RequestInit }> = []) {
  return new RtHelpDesk({
    url: 'http://rt.test/',
    credential: '1-14-abcdef',
    queues: { 'circle-3': 'KESCO Circle 3' },
    timeoutMs: 50,
    fetch: (async (url: string, init: RequestInit) => {
      seen.push({ url, init });
      return answer(url, init);
    }) as unknown as typeof fetch,
  });
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

t.test('a ticket is created in the circle\'s queue with RT\'s date format and the token', async (t) => {
  const seen: Array<{ url: string; init: RequestInit }> = [];
  const created = await rt(() => json(201, { id: '42', type: 'ticket', _url: 'http://rt.test/REST/2.0/ticket/42' }), seen).createTicket(ticket);
  t.same(created, { id: '42', url: 'http://rt.test/Ticket/Display.html?id=42' });
  t.equal(seen[0]!.url, 'http://rt.test/REST/2.0/ticket');
  t.equal((seen[0]!.init.headers as Record<string, string>).authorization, 'token 1-14-abcdef');
  t.match(JSON.parse(String(seen[0]!.init.body)), { Queue: 'KESCO Circle 3', Due: '2026-12-08T04:30:00Z', CustomFields: { Reference: 'KE-DLS-261201-00007' } });
});

t.test('a circle without a queue is refused for that ticket only', async (t) => {
  const err = await rt(() => json(201, { id: '1' })).createTicket({ ...ticket, circle: 'circle-9' }).then(() => null, (e: unknown) => e);
  t.ok(err instanceof HelpDeskError);
  t.match(err, { kind: 'refused', message: /no RT queue configured for circle-9/ });
});

t.test('bad answers become precise errors', async (t) => {
  const cases: Array<[string, (init: RequestInit) => Response | Promise<Response>, object]> = [
    ['a login page', () => new Response('<html>Login</html>', { status: 200 }), { kind: 'bad-reply', message: /POST http:\/\/rt\.test\/REST\/2\.0\/ticket: HTTP 200, not JSON/ }],
    ['a wrong token', () => json(401, { message: 'Unauthorized' }), { kind: 'refused', status: 401, message: /HTTP 401: Unauthorized/ }],
    ['RT failing', () => json(500, { message: 'Internal Server Error' }), { kind: 'unreachable', status: 500 }],
    ['the wrong shape', () => json(201, { ticket: 42 }), { kind: 'bad-reply', message: /unexpected shape/ }],
    // like fetch: pending until the signal aborts it (and, like its socket, keeping the process alive meanwhile)
    ['no answer', (init) => new Promise<Response>((_r, reject) => {
      const socket = setInterval(() => {}, 1000);
      init.signal!.addEventListener('abort', () => {
        clearInterval(socket);
        reject(new DOMException('aborted', 'AbortError'));
      });
    }), { kind: 'timeout', message: /no answer within 50 ms/ }],
    ['refused connection', () => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: new Error('connect ECONNREFUSED 127.0.0.1:80') })), { kind: 'unreachable', message: /ECONNREFUSED/ }],
  ];
  for (const [what, answer, expected] of cases) {
    const err = await rt((_u, init) => answer(init)).createTicket(ticket).then(() => null, (e: unknown) => e);
    t.ok(err instanceof HelpDeskError, what);
    t.match(err, expected, what);
  }
});

t.test('find by reference quotes the reference in TicketSQL', async (t) => {
  const seen: Array<{ url: string; init: RequestInit }> = [];
  t.equal(await rt(() => json(200, { items: [], count: 0, total: 0 }), seen).findByReference("KE-DLS-261201-00007' OR 'x"), null);
  t.match(new URL(seen[0]!.url).searchParams.get('query'), "'CF.{Reference}' = 'KE-DLS-261201-00007\\' OR \\'x'");
});
