// Home: the ten services as big tiles, one touch to start. An account number
// scanned here is remembered for the next form.
import { h, svg } from '../../shared/dom.js';
import type { ScanEvent } from '../../shared/types.js';
import { bi, S, tx } from '../i18n.js';
import { icons, serviceIcons } from '../icons.js';
import type { AppContext, Screen } from '../nav.js';

export function homeScreen(ctx: AppContext): Screen {
  const scanned = h('div', { class: 'scanned', hidden: true, role: 'status' });
  const showScanned = () => {
    scanned.replaceChildren();
    if (ctx.scannedAccount) {
      scanned.append(svg(icons.scan), bi(S.accountScannedHome(ctx.scannedAccount)));
      scanned.hidden = false;
    } else scanned.hidden = true;
  };
  const tiles = ctx.catalogue.services.map((s) =>
    h(
      'button',
      { type: 'button', class: `tile tile-${s.kind}`, 'data-service': s.id, onclick: () => (s.id === 'request-status' ? ctx.nav.status() : ctx.nav.service(s.id)) },
      h('span', { class: 'tile-icon' }, svg(serviceIcons[s.id] ?? icons.next)),
      h('span', { class: 'tile-hi', lang: 'hi' }, s.name.hi),
      h('span', { class: 'tile-en', lang: 'en' }, s.name.en),
    ),
  );
  const el = h(
    'section',
    { class: 'screen home' },
    h('div', { class: 'home-head' }, h('h1', {}, tx(S.chooseService)), h('p', { class: 'home-sub' }, tx(S.touchTile))),
    scanned,
    h('div', { class: 'tiles' }, ...tiles),
    h('p', { class: 'home-scan' }, svg(icons.scan), tx(S.scanHint)),
  );
  showScanned();
  return {
    name: 'home',
    el,
    onScan(scan: ScanEvent) {
      if (scan.kind !== 'account') return false;
      ctx.scannedAccount = scan.value;
      showScanned();
      return true;
    },
  };
}
