// The touchscreen app: loads the catalogue, shows one screen at a time,
// routes scanner events, clears everything after an idle timeout.
// Query parameters (technicians and tests): ?idle=<seconds>, ?popup=<seconds>, ?lang=en.
import { h, svg } from '../shared/dom.js';
import { connectEvents } from '../shared/events.js';
import type { Catalogue, KioskEvent, ScanEvent } from '../shared/types.js';
import { api } from './api.js';
import { bi, S, setLang, lang, tx, type Bilingual } from './i18n.js';
import { icons } from './icons.js';
import { idleTimer } from './idle.js';
import { startLivenessPing } from './liveness.js';
import { startMaintenanceStrip } from './maintenance.js';
import { findService, type AppContext, type Nav, type Screen } from './nav.js';
import { confirmDialog, deviceBanner, messagePanel, POPUP_MS } from './notice.js';
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
  const brand = h('div', { class: 'brand' }, h('span', { class: 'brand-mark' }, 'K'), h('div', { class: 'brand-words' }, bi(S.brand, 'brand-name'), h('span', { class: 'brand-site' })));
  // The bar's middle: a one-line notice slot (e.g. "every service here is free"),
  // the device banner and pop-up messages; they take the brand's room, not the form's.
  const middle = h('div', { class: 'topbar-middle' }, h('div', { class: 'notice-slot', 'data-slot': 'notice' }));
  const header = h('header', { class: 'topbar' }, brand, middle, h('div', { class: 'topbar-right' }, h('span', { class: 'topbar-help', 'data-testid': 'helpline' }, svg(icons.phone), '1912'), langBtn));
  const banner = deviceBanner();
  middle.append(banner.el);
  // The promise the e-corner exists for, on every screen: the top bar's notice slot.
  middle.querySelector('.notice-slot')?.append(h('span', { class: 'free-notice', 'data-testid': 'free-notice' }, bi(S.freeNotice)));
  const main = h('main', { class: 'stage' });
  body.replaceChildren(header, main);
  const popupSeconds = Number(params.get('popup'));
  const panel = messagePanel(middle, popupSeconds > 0 ? popupSeconds * 1000 : POPUP_MS);
  const dialog = confirmDialog(body);

  const loaded = await loadCatalogue(main);
  const site = brand.querySelector('.brand-site');
  site?.append(tx(loaded.kiosk.name));

  let current: Screen | null = null;
  const show = (screen: Screen) => {
    current?.dispose?.();
    panel.hide();
    dialog.close();
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
  const ctx: AppContext = {
    nav,
    catalogue: loaded,
    scannedAccount: null,
    notify: (m, tone) => panel.show(m, tone),
    askLeave: (detail, then) => void dialog.ask({ question: S.leaveQuestion, detail, yes: S.leaveYes, no: S.leaveNo }).then((yes) => yes && then()),
  };

  const idleSeconds = Number(params.get('idle') ?? body.dataset.idleSeconds ?? 60);
  idleTimer(body, {
    timeoutMs: Math.max(2, Number.isFinite(idleSeconds) ? idleSeconds : 60) * 1000,
    active: () => current?.name !== 'home' || ctx.scannedAccount !== null || lang() !== 'hi',
    onTimeout: () => {
      dialog.close();
      ctx.scannedAccount = null;
      setLang('hi');
      nav.home();
    },
  });

  const onScan = (scan: ScanEvent) => {
    if (current?.onScan?.(scan)) return;
    // Never throw away what the consumer typed, or a reference not yet noted, because of a scan: ask.
    const holding = current?.holdsInput?.() ?? false;
    if (scan.kind === 'receipt') {
      if (holding) return ctx.askLeave(S.receiptScannedMidForm(scan.value), () => nav.status(scan.value));
      return nav.status(scan.value);
    }
    if (scan.kind === 'account') {
      ctx.scannedAccount = scan.value;
      if (holding) return panel.show(S.accountRemembered(scan.value));
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

startLivenessPing();
startMaintenanceStrip();
void start();
