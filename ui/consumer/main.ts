// The touchscreen app: loads the catalogue, shows one screen at a time,
// routes scanner events, clears everything after an idle timeout.
// Query parameters (technicians and tests): ?idle=<seconds>, ?lang=en.
import { h, svg } from '../shared/dom.js';
import { connectEvents } from '../shared/events.js';
import type { Catalogue, KioskEvent, ScanEvent } from '../shared/types.js';
import { api } from './api.js';
import { bi, S, setLang, lang, tx, type Bilingual } from './i18n.js';
import { icons } from './icons.js';
import { idleTimer } from './idle.js';
import { findService, type AppContext, type Nav, type Screen } from './nav.js';
import { deviceBanner, messagePanel } from './notice.js';
import { formScreen } from './screens/form.js';
import { homeScreen } from './screens/home.js';
import { statusScreen } from './screens/status.js';

/** A wedge scanner types into the browser: no key press may reach the page. */
function lockDown(): void {
  const block = (e: Event) => e.preventDefault();
  window.addEventListener('keydown', (e) => {
    e.preventDefault();
    e.stopPropagation();
  }, { capture: true });
  window.addEventListener('keypress', block, { capture: true });
  window.addEventListener('contextmenu', block, { capture: true });
  window.addEventListener('selectstart', block, { capture: true });
  window.addEventListener('dragstart', block, { capture: true });
  window.addEventListener('wheel', (e) => e.ctrlKey && e.preventDefault(), { capture: true, passive: false });
  window.addEventListener('gesturestart', block, { capture: true });
  // Pinch-zoom on the touch panel.
  window.addEventListener('touchmove', (e) => e.touches.length > 1 && e.preventDefault(), { capture: true, passive: false });
}

function scanMessage(scan: ScanEvent): Bilingual | null {
  const m = scan.detail?.message as Bilingual | undefined;
  const detailMessage = m && typeof m.en === 'string' && typeof m.hi === 'string' ? m : null;
  switch (scan.kind) {
    case 'legacy-account':
      return detailMessage ?? S.legacyDefault;
    case 'unknown':
      return detailMessage ?? S.unknownDefault;
    case 'bill':
      return detailMessage ?? S.billScanned;
    case 'upi':
      return detailMessage ?? S.upiScanned;
    default:
      return null;
  }
}

async function start(): Promise<void> {
  const body = document.body;
  const params = new URLSearchParams(location.search);
  setLang(params.get('lang') === 'en' ? 'en' : 'hi');
  lockDown();

  const langBtn = h('button', { type: 'button', class: 'lang-toggle', 'data-action': 'language', onclick: () => setLang(lang() === 'hi' ? 'en' : 'hi') }, h('span', { lang: 'hi' }, 'English'), h('span', { lang: 'en' }, 'हिन्दी'));
  const brand = h('div', { class: 'brand' }, h('span', { class: 'brand-mark' }, 'K'), h('div', {}, bi(S.brand, 'brand-name'), h('span', { class: 'brand-site' })));
  const header = h('header', { class: 'topbar' }, brand, h('div', { class: 'topbar-right' }, h('span', { class: 'topbar-help' }, svg(icons.phone), '1912'), langBtn));
  const banner = deviceBanner();
  // The promise the e-corner exists for, on every screen.
  const freeNotice = h('p', { class: 'free-notice', 'data-testid': 'free-notice' }, h('span', { lang: 'hi' }, S.freeNotice.hi), ' / ', h('span', { lang: 'en' }, S.freeNotice.en));
  const main = h('main', { class: 'stage' });
  body.replaceChildren(header, freeNotice, banner.el, main);
  const panel = messagePanel(body);

  const loaded = await loadCatalogue(main);
  const site = brand.querySelector('.brand-site');
  site?.append(tx(loaded.kiosk.name));

  let current: Screen | null = null;
  const show = (screen: Screen) => {
    current?.dispose?.();
    panel.hide();
    main.replaceChildren(screen.el);
    body.dataset.screen = screen.name;
    current = screen;
    window.scrollTo(0, 0);
  };
  const nav: Nav = {
    home: () => show(homeScreen(ctx)),
    service: (id) => {
      const s = findService(ctx, id);
      if (s) show(formScreen(ctx, s));
    },
    status: (reference) => show(statusScreen(ctx, reference)),
    show,
  };
  const ctx: AppContext = { nav, catalogue: loaded, scannedAccount: null, notify: (m, tone) => panel.show(m, tone) };

  const idleSeconds = Number(params.get('idle') ?? body.dataset.idleSeconds ?? 60);
  idleTimer(body, {
    timeoutMs: Math.max(2, Number.isFinite(idleSeconds) ? idleSeconds : 60) * 1000,
    active: () => current?.name !== 'home' || ctx.scannedAccount !== null || lang() !== 'hi',
    onTimeout: () => {
      ctx.scannedAccount = null;
      setLang('hi');
      nav.home();
    },
  });

  const onScan = (scan: ScanEvent) => {
    if (current?.onScan?.(scan)) return;
    if (scan.kind === 'receipt') return nav.status(scan.value);
    if (scan.kind === 'account') {
      ctx.scannedAccount = scan.value;
      return nav.home();
    }
    const m = scanMessage(scan);
    if (m) panel.show(m, scan.kind === 'unknown' || scan.kind === 'legacy-account' ? 'error' : 'info');
  };
  connectEvents(
    (e: KioskEvent) => {
      switch (e.type) {
        case 'snapshot':
          for (const [part, health] of Object.entries(e.health.parts)) banner.update(part, health);
          break;
        case 'device-status':
          banner.update(e.device, e.health);
          break;
        case 'scan':
          onScan(e);
          break;
        case 'receipt-state':
          current?.onReceiptState?.(e.reference);
          break;
      }
    },
    (open) => (body.dataset.events = open ? 'open' : 'closed'),
  );
  nav.home();
  body.dataset.ready = 'true';
}

/** The catalogue is needed for everything: retry until the controller answers. */
async function loadCatalogue(main: HTMLElement): Promise<Catalogue> {
  for (let attempt = 0; ; attempt++) {
    const res = await api.services();
    if (res.ok) return res.data;
    main.replaceChildren(h('div', { class: 'loading' }, bi(S.networkError)));
    await new Promise((r) => window.setTimeout(r, Math.min(10_000, 1000 * 2 ** attempt)));
  }
}

void start();
