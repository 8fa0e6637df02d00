// The technician page in a real browser: log in with the PIN, run the
// printer test page and see its receipt image; screenshots during a
// paper-out and a scanner unplug (look at them in $ECORNER_UI_SHOTS_DIR).
import { readdirSync, readFileSync } from 'node:fs';
import t from 'tap';
import { startTestKiosk } from '../../helpers/kiosk.js';
import { launch, shot } from '../ui/fixtures/browser.js';

/** socat processes this test process started (the virtual scanner's "USB cable"). */
function socatChildren(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const m = /^\d+ \((.*)\) \S (\d+)/.exec(stat);
      if (m && m[1] === 'socat' && Number(m[2]) === process.pid) pids.push(Number(entry));
    } catch {
      /* gone */
    }
  }
  return pids;
}

t.test('log in, print the test page, see its image; paper-out and scanner unplug as the technician sees them', async (t) => {
  const kiosk = await startTestKiosk(t);
  const browser = await launch(t);
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.setDefaultTimeout(15_000);
  await page.goto(`${kiosk.technician.url!}/technician`);
  await page.waitForSelector('body[data-view="login"]');
  await page.fill('[data-testid="pin"]', '000000');
  await page.click('[data-action="login"]');
  await page.waitForFunction(() => (document.querySelector('[data-testid="login-msg"]')?.textContent ?? '').includes('Wrong PIN'));
  await page.fill('[data-testid="pin"]', '246810');
  await page.click('[data-action="login"]');
  await page.waitForSelector('body[data-view="status"] tr[data-part="printer"]');

  await page.click('[data-action="test-page"]');
  await page.waitForSelector('[data-testid="selftest-printer-test-page"].pass');
  const img = page.locator('[data-testid="receipts"] img').first();
  await img.waitFor();
  await page.waitForFunction(() => {
    const i = document.querySelector<HTMLImageElement>('[data-testid="receipts"] img');
    return Boolean(i && i.complete && i.naturalWidth > 0);
  });
  const size = await img.evaluate((i: HTMLImageElement) => ({ w: i.naturalWidth, h: i.naturalHeight }));
  t.equal(size.w, 384, 'the test page rendered at 58 mm width');
  t.ok(size.h > 200, 'with content');

  // Scan this test code: a QR of the code on the page; the scan must arrive within a minute.
  await page.click('[data-action="scan-test"]');
  const payload = await page.getAttribute('[data-testid="scan-code"] svg.qr', 'data-payload');
  t.match(payload, /^ECT-[A-Z]{6}$/);
  await page.click('[data-action="sim-scan-test"]');
  await page.waitForSelector('[data-testid="selftest-scan-test-code"].pass');
  t.match(await page.textContent('[data-testid="selftest-scan-test-code"]'), /PASS .* test code scanned after/);

  // Paper out: the printer row turns to fault with its hint.
  await page.click('[data-action="sim-paper-out"]');
  await page.waitForSelector('tr[data-part="printer"][data-level="fault"] [data-testid="hint-printer"]');
  t.match(await page.textContent('[data-testid="hint-printer"]'), /thermal roll/);
  t.equal(await page.textContent('[data-testid="overall"]'), 'FAULT');
  await page.evaluate(() => window.scrollTo(0, 0));
  const paperShot = await shot(page, 'technician-paper-out');
  t.ok(paperShot);
  await page.click('[data-action="sim-paper-ok"]');
  await page.waitForSelector('tr[data-part="printer"][data-level="ok"]');

  // Scanner unplug: its socat (the cable) dies again and again until the page shows it.
  let unplugging = true;
  const unplug = (async () => {
    while (unplugging) {
      for (const pid of socatChildren()) process.kill(pid, 'SIGKILL');
      await new Promise((r) => setTimeout(r, 150));
    }
  })();
  await page.waitForSelector('tr[data-part="scanner"][data-level="warning"] [data-testid="hint-scanner"]', { timeout: 20_000 });
  t.match(await page.textContent('[data-testid="hint-scanner"]'), /USB cable/);
  await page.evaluate(() => window.scrollTo(0, 0));
  t.ok(await shot(page, 'technician-scanner-unplugged'));
  unplugging = false;
  await unplug;
  await page.waitForSelector('tr[data-part="scanner"][data-level="ok"]', { timeout: 20_000 });

  // Phone-sized: still one readable column.
  await page.setViewportSize({ width: 390, height: 844 });
  t.ok(await shot(page, 'technician-phone'));
});
