// The touchscreen at every panel size kiosks use (800×480 … 1080×1920): every
// service, every screen (each question empty, with its error, filled; the
// review; the last screen; payment pending and confirmed; nothing to pay; the
// leave-this-form question), each with and without the printer banner and
// with a pop-up showing. One browser and one page: the viewport is resized,
// not relaunched. The flows are driven at 800×480, the smallest panel, with
// Playwright's clicks (which refuse covered or hidden targets).
// Screenshots: test/artifacts/ui-matrix/ (git-ignored).
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { seedConsumers, FIRST_SEED_ACCOUNT } from '../../../central/billing/seed.js';
import type { Catalogue } from '../../../ui/shared/types.js';
import { startTestKiosk } from '../../helpers/kiosk.js';
import { launch, openKiosk } from './fixtures/browser.js';
import { layoutProblems, SIZES } from './fixtures/layout-checks.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const artifacts = process.env.ECORNER_UI_ARTIFACTS ?? path.resolve(here, '../../artifacts/ui-matrix');
const DRIVE = { width: 800, height: 480 };
/** Screenshots of every state at these sizes; the others get one of the plain screen. */
const SHOT_PLAIN = new Set(['800x480', '720x1280', '1080x1920']);
const SHOT_ALL_STATES = new Set(['800x480']);
/** ECORNER_MATRIX_SERVICES=a,b checks only those services (while working on a layout). */
const only = process.env.ECORNER_MATRIX_SERVICES?.split(',');
const timing = { printer: 0, checks: 0, shots: 0, popup: 0, resize: 0, next: 0, settled: 0, receipt: 0, home: 0 };

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

t.test('the layout checker finds what it is meant to find', async (t) => {
  const browser = await launch(t);
  const page = await (await browser.newContext({ viewport: { width: 800, height: 480 } })).newPage();
  await page.setContent(`<body style="margin:0;font-size:16px">
    <button data-action="tiny" style="width:40px;height:40px">x</button>
    <button data-action="covered" style="width:100px;height:60px">y</button>
    <div style="position:fixed;left:60px;top:0;width:200px;height:100px;background:#fff">over</div>
    <div style="height:60px;overflow:hidden"><div style="height:200px"></div><button data-action="clipped" style="width:60px;height:60px">z</button></div>
    <p class="q-title" style="width:50px;white-space:nowrap;overflow:hidden">a long question that does not fit</p>
    <p style="font-size:12px">small print</p></body>`);
  const problems = (await layoutProblems(page, 14)).join('\n');
  t.match(problems, /\[tiny\].*under 48/, 'a small target');
  t.match(problems, /\[covered\].*covered by div/, 'a covered target');
  t.match(problems, /\[clipped\].*(only reachable by scrolling|clipped by)/, 'a target clipped by a box no finger can scroll');
  t.match(problems, /q-title.*cut sideways/, 'a clipped question');
  t.match(problems, /12\.0 px text/, 'text under the minimum');
});

// About 2000 screen checks: more than the suite's per-file default on a loaded 2-core machine.
t.setTimeout(480_000);

t.test('layout matrix: every service and screen, seven panel sizes, banner and pop-up', async (t) => {
  rmSync(artifacts, { recursive: true, force: true });
  const kiosk = await startTestKiosk(t);
  const browser = await launch(t);
  const page = await openKiosk(browser, kiosk.url, { query: 'idle=3600' });
  await page.setViewportSize(DRIVE);
  const catalogue = (await (await fetch(`${kiosk.url}/api/services`)).json()) as Catalogue;
  let checks = 0;
  const started = Date.now();

  const setPrinter = async (paper: 'out' | 'ok') => {
    const t0 = Date.now();
    const res = await post(`${kiosk.url}/api/sim/printer`, { paper });
    t.equal(res.status, 200, `virtual printer paper ${paper}`);
    await page.waitForSelector(paper === 'out' ? '.banner:not([hidden])' : '.banner[hidden]', { state: 'attached', timeout: 15_000 });
    timing.printer += Date.now() - t0;
  };

  /** Checks the screen as it is now at every size and state; leaves it at DRIVE size, no banner, no pop-up. */
  async function checkScreen(label: string, states: ReadonlyArray<'plain' | 'banner' | 'popup'> = ['plain', 'banner', 'popup'], bigShots = true): Promise<void> {
    const slug = label.replace(/[^a-z0-9-]+/gi, '-').toLowerCase();
    for (const state of states) {
      if (state === 'banner') await setPrinter('out');
      if (state === 'popup') {
        const t0 = Date.now();
        kiosk.ctx.bus.emit('scan', { type: 'scan', kind: 'unknown', value: 'HELLO WORLD', at: new Date().toISOString() });
        await page.waitForSelector('.toast:not([hidden])');
        timing.popup += Date.now() - t0;
      }
      for (const size of SIZES) {
        const t0 = Date.now();
        await page.setViewportSize(size);
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        const problems = await layoutProblems(page, size.width === 800 ? 14 : 16);
        checks++;
        t.same(problems, [], `${label} · ${size.name} · ${state}`);
        const t1 = Date.now();
        timing.checks += t1 - t0;
        if ((state === 'plain' ? SHOT_PLAIN : SHOT_ALL_STATES).has(size.name) && (size.name === '800x480' || bigShots)) {
          mkdirSync(path.join(artifacts, size.name), { recursive: true });
          await page.screenshot({ path: path.join(artifacts, size.name, `${slug}-${state}.png`) });
        }
        timing.shots += Date.now() - t1;
      }
      const t0 = Date.now();
      if (state === 'popup') t.ok(await page.isVisible('.toast'), `${label}: the pop-up was up for every size`);
      await page.setViewportSize(DRIVE);
      timing.resize += Date.now() - t0;
    }
    const t0 = Date.now();
    if (states.includes('popup')) await page.click('[data-action="dismiss"]');
    // English runs longer than Hindi in places: the two tightest panels again in English (banner still up).
    if (states.includes('plain')) {
      await page.evaluate(() => document.querySelector<HTMLElement>('[data-action="language"]')!.click());
      for (const size of SIZES.filter((z) => z.name === '800x480' || z.name === '720x1280')) {
        await page.setViewportSize(size);
        checks++;
        t.same(await layoutProblems(page, size.width === 800 ? 14 : 16), [], `${label} · ${size.name} · English, banner`);
        if (size.name === '800x480') await page.screenshot({ path: path.join(artifacts, size.name, `${slug}-en.png`) });
      }
      await page.evaluate(() => document.querySelector<HTMLElement>('[data-action="language"]')!.click());
      await page.setViewportSize(DRIVE);
    }
    timing.popup += Date.now() - t0;
    if (states.includes('banner')) await setPrinter('ok');
  }

  // The flows here are only the way to reach every screen (flows.test.ts drives them with
  // Playwright's clicks): keys are pressed in the page, one round trip per field, to keep
  // the matrix within a few minutes on a 2-core CI.
  const press = (selectors: string[]) =>
    page.evaluate((sels) => {
      for (const sel of sels) {
        const el = document.querySelector<HTMLElement>(sel);
        if (!el) throw new Error(`no ${sel}`);
        el.click();
      }
    }, selectors);
  const typeDigits = (digits: string) => press([...digits].map((d) => `.keypad [data-key="${d}"]`));
  const step = () => page.getAttribute('.wizard', 'data-step');
  /** Next, then wait until the question or the screen changed. */
  const nextStep = async (from: string | null) => {
    const t0 = Date.now();
    const screen = await page.getAttribute('body', 'data-screen');
    await page.click('[data-action="next"]');
    await page.waitForFunction(([f, s]) => document.querySelector('.wizard')?.getAttribute('data-step') !== f || document.body.dataset.screen !== s, [from, screen] as const, { timeout: 15_000 });
    timing.next += Date.now() - t0;
  };

  const h0 = Date.now();
  await checkScreen('home');
  timing.home = Date.now() - h0;
  let lastReference = '';
  const seenErrors = new Set<string>();

  for (const service of catalogue.services) {
    if (only && !only.includes(service.id)) continue;
    await page.click(`[data-service="${service.id}"]`);
    await page.waitForSelector('.wizard');
    for (let guard = 0; guard < 20; guard++) {
      const screen = await page.getAttribute('body', 'data-screen');
      if (!screen?.startsWith('form:') && screen !== 'status') break;
      const key = (await step()) ?? '';
      const kind = await page.getAttribute('.wizard', 'data-kind');
      const label = `${service.id} ${key}`;
      const field = service.fields.find((f) => f.name === key);
      const required = key === 'mobile' || key === 'account' || key === 'reference' || key === 'billId' || (field?.required ?? false);
      const empty = await page.evaluate(() => (document.querySelector('[data-testid="display"]')?.getAttribute('data-value') ?? '') === '' && !document.querySelector('.choice.chosen'));
      if (kind === 'custom') await page.waitForSelector('.choice.bill, [data-testid="nothing-to-pay"], .bills-error', { timeout: 15_000 });
      // Portrait screenshots of the repeated mobile/account questions: the first service's only.
      await checkScreen(label, undefined, !((key === 'mobile' || key === 'account') && seenErrors.has(key)));
      // The mobile and account questions are one component in every service: their error
      // state is checked in the first service that asks them; their plain state in every one.
      const repeated = (key === 'mobile' || key === 'account') && seenErrors.has(key);
      if (required && empty && kind !== 'review' && !repeated) {
        seenErrors.add(key);
        await page.click('[data-action="next"]');
        await page.waitForSelector('.q-error:not(:empty)');
        await checkScreen(`${label} error`);
      }
      if (key === 'mobile') await typeDigits('9876543210');
      else if (key === 'account') await typeDigits(FIRST_SEED_ACCOUNT);
      else if (key === 'reference') {
        await press(['.text-keyboard [data-key="clear"]', ...[...lastReference].map((c) => `.text-keyboard [data-key="${c}"]`)]);
      } else if (kind === 'digits' && field && (field.type === 'integer' || field.type === 'number')) await typeDigits(String(field.min));
      else if (kind === 'choice' && (await page.locator('.choice.chosen').count()) === 0) await page.click('.choice >> nth=0');
      else if (kind === 'custom') await page.click('.choice.bill:not([disabled]) >> nth=0');
      else if (kind === 'text') {
        await press(['र', 'ा', 'म'].map((k) => `.text-keyboard [data-key="${k}"]`));
        await checkScreen(`${label} typed`);
        if (!seenErrors.has('text-modes')) {
          // The other two keyboards, once: Latin shown as Devanagari (with its hint), Latin capitals.
          seenErrors.add('text-modes');
          await press(['.tk-modes [data-mode="roman"]', ...[...'kumaar'].map((k) => `.text-keyboard [data-key="${k}"]`)]);
          await checkScreen(`${label} roman`);
          // A long value wraps inside the box: Latin capitals, two hundred of them.
          await press(['.tk-modes [data-mode="latin"]', ...[...'MOHALLA KIDWAI NAGAR BLOCK '.repeat(8)].map((k) => `.text-keyboard [data-key="${k === ' ' ? 'space' : k}"]`)]);
          await checkScreen(`${label} latin long`);
          await press(['.tk-modes [data-mode="devanagari"]', '.text-keyboard [data-key="page:vowels"]']);
          await checkScreen(`${label} vowels`);
          await press(['.text-keyboard [data-key="page:consonants"]']);
        }
      }
      if (key === 'mobile' && service.id === 'new-connection') {
        // Something typed: Home asks first.
        await page.click('[data-action="home"]');
        await page.waitForSelector('.confirm-overlay:not([hidden])');
        // (A pop-up under the question would be dimmed with the rest of the screen: not checked.)
        await checkScreen(`${label} leave-question`, ['plain', 'banner']);
        await page.click('[data-action="confirm-no"]');
      }
      await nextStep(await step());
    }
    const screen = await page.getAttribute('body', 'data-screen');
    if (screen === 'payment') {
      await page.waitForSelector('.pay-status[data-state="pending"]', { timeout: 15_000 });
      const reference = (await page.textContent('[data-testid="reference"]'))?.trim() ?? '';
      await checkScreen(`${service.id} payment pending`);
      const opened = (await (await post(`${kiosk.url}/api/payments`, { reference, mobile: '9876543210' })).json()) as { paymentId: string };
      // The simulated gateway sends central its signed callback.
      const confirm = await post(`${kiosk.url}/api/sim/payments/${opened.paymentId}`, { status: 'captured' });
      t.equal(confirm.status, 200, 'central confirms');
      await page.waitForSelector('.pay-status[data-state="confirmed"]', { timeout: 15_000 });
      await checkScreen(`${service.id} payment confirmed`);
    } else if (screen === 'done') {
      lastReference = (await page.textContent('[data-testid="reference"]'))?.trim() ?? '';
      const t0 = Date.now();
      await page.waitForSelector('.receipt[data-state="printed"], .receipt[data-state="waiting"]', { timeout: 20_000 });
      timing.receipt += Date.now() - t0;
      await checkScreen(`${service.id} done`);
    } else {
      t.equal(screen, 'status-result', `${service.id}: ends on a result screen`);
      await checkScreen(`${service.id} result`);
    }
    await page.click('[data-action="finish"]');
    await page.waitForSelector('body[data-screen="home"]');
  }

  // A settled account: "nothing to pay", not a dead end.
  const t0 = Date.now();
  const settled = seedConsumers(3, new Date())[2]!;
  t.ok(settled.bills.every((b) => b.status === 'paid'), 'seed consumer 3 has paid every bill');
  await page.click('[data-service="bill-payment"]');
  await typeDigits('9876543210');
  await nextStep('mobile');
  await typeDigits(settled.account);
  await nextStep('account');
  await page.waitForSelector('[data-testid="nothing-to-pay"]', { timeout: 15_000 });
  timing.settled = Date.now() - t0;
  await checkScreen('bill-payment nothing-to-pay');

  if (!only) t.ok(checks >= SIZES.length * 3 * 40, `${checks} screen checks`);
  t.comment(`layout matrix: ${checks} checks in ${Math.round((Date.now() - started) / 1000)} s (${JSON.stringify(timing)} ms); screenshots in ${artifacts}`);
});


