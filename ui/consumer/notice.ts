// Two small overlays: a message panel (scanner feedback, errors) that closes
// by itself, and the device banner (printer fault) under the header.
import { clear, h, svg } from '../shared/dom.js';
import type { DeviceHealth } from '../shared/types.js';
import { bi, S, tx, type Bilingual } from './i18n.js';
import { icons } from './icons.js';

export function messagePanel(host: HTMLElement): { show(message: Bilingual, tone?: 'info' | 'error'): void; hide(): void } {
  const text = h('div', { class: 'toast-text' });
  const el = h('div', { class: 'toast', role: 'status', 'aria-live': 'polite', hidden: true }, text, h('button', { type: 'button', class: 'btn btn-primary toast-ok', onclick: () => hide() }, tx(S.ok)));
  host.append(el);
  let timer: number | undefined;
  const hide = () => {
    window.clearTimeout(timer);
    el.hidden = true;
    clear(text);
  };
  return {
    show(message, tone = 'info') {
      window.clearTimeout(timer);
      clear(text);
      text.append(svg(tone === 'error' ? icons.warning : icons.scan), bi(message));
      el.dataset.tone = tone;
      el.hidden = false;
      timer = window.setTimeout(hide, 10_000);
    },
    hide,
  };
}

/** Tracks device health from the event stream; shows a banner for faults consumers must know about. */
export function deviceBanner(): { el: HTMLElement; update(part: string, health: DeviceHealth): void } {
  const parts = new Map<string, DeviceHealth>();
  const el = h('div', { class: 'banner', role: 'status', hidden: true });
  const render = () => {
    clear(el);
    const store = parts.get('store');
    const printer = parts.get('printer');
    const lines: Bilingual[] = [];
    if (store?.level === 'fault') lines.push(S.storeFault);
    if (printer && printer.level === 'fault') lines.push(S.printerFault);
    el.hidden = lines.length === 0;
    el.dataset.part = store?.level === 'fault' ? 'store' : lines.length ? 'printer' : '';
    for (const l of lines) el.append(h('p', {}, svg(icons.printer), tx(l)));
  };
  return {
    el,
    update(part, health) {
      parts.set(part, health);
      render();
    },
  };
}
