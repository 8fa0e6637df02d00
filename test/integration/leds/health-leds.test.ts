import t from 'tap';
import { startTestKiosk } from '../../helpers/kiosk.js';

t.test('the LEDs go amber while starting, then follow health', async (t) => {
  const kiosk = await startTestKiosk(t);
  // a touchscreen that checks in (without one, health `ui` waits and the LEDs say so)
  t.equal((await kiosk.app.inject({ method: 'POST', url: '/api/ui/ping', payload: { page: 'consumer' } })).statusCode, 204);
  // the virtual printer connects a moment after start: until then the printer is a fault
  let body: any;
  for (let i = 0; i < 50; i++) {
    const res = await kiosk.app.inject({ method: 'GET', url: '/api/sim/leds' });
    t.equal(res.statusCode, 200);
    body = res.json();
    if (body.lit.green) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  t.same(body.transitions[0], { at: body.transitions[0].at, led: 'amber', on: true }, 'amber first: starting');
  t.same(body.lit, { green: true, amber: false, red: false }, 'green once serving with healthy devices');

  kiosk.ctx.health.set('store', { level: 'fault', state: 'write-failed', detail: 'test' });
  await new Promise((r) => setTimeout(r, 20));
  t.same((await kiosk.app.inject({ method: 'GET', url: '/api/sim/leds' })).json().lit, { green: false, amber: false, red: true });
  kiosk.ctx.health.set('store', { level: 'ok', state: 'ready' });
  await new Promise((r) => setTimeout(r, 20));
  t.same((await kiosk.app.inject({ method: 'GET', url: '/api/sim/leds' })).json().lit, { green: true, amber: false, red: false });

  t.equal((await kiosk.app.inject({ method: 'POST', url: '/api/technician/leds/cycle' })).statusCode, 404, 'not on the consumer port');
  const login = await kiosk.technician.app.inject({ method: 'POST', url: '/api/technician/login', payload: { pin: '246810' } });
  const cookie = String(login.headers['set-cookie']).split(';')[0]!;
  const cycle = await kiosk.technician.app.inject({ method: 'POST', url: '/api/technician/leds/cycle', headers: { cookie } });
  t.equal(cycle.statusCode, 200);
  const lit = (await kiosk.app.inject({ method: 'GET', url: '/api/sim/leds' })).json().transitions.filter((x: { on: boolean }) => x.on).map((x: { led: string }) => x.led);
  t.match(lit.slice(-4).join(','), /green,amber,red,green$/, 'self-test lights each LED in turn');
});
