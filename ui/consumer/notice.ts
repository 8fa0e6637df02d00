// What the top bar shows besides the brand: a pop-up message (scanner
// feedback), the device banner (printer fault), and a slot for a one-line
// notice. All three live in the bar itself, so they take the place of
// decoration (brand, site name) and never cover a key, a question or an
// error. A pop-up closes by itself; the OK button only closes it sooner.
// A question that must be answered (leave this form?) is a dialog.
import { clear, h, svg } from '../shared/dom.js';
import type { DeviceHealth } from '../shared/types.js';
import { bi, S, tx, type Bilingual } from './i18n.js';
import { icons } from './icons.js';

/** How long a pop-up stays: long enough to read two languages, short enough never to linger. */
export const POPUP_MS = 8000;

export function messagePanel(host: HTMLElement, timeoutMs = POPUP_MS): { el: HTMLElement; show(message: Bilingual, tone?: 'info' | 'error'): void; hide(): void } {
  const text = h('div', { class: 'toast-text' });
  const el = h('div', { class: 'toast', role: 'status', 'aria-live': 'polite', hidden: true }, text, h('button', { type: 'button', class: 'btn btn-primary toast-ok', 'data-action': 'dismiss', onclick: () => hide() }, tx(S.ok)));
  host.append(el);
  let timer: number | undefined;
  const hide = () => {
    window.clearTimeout(timer);
    el.hidden = true;
    document.body.dataset.popup = '';
    clear(text);
  };
  return {
    el,
    show(message, tone = 'info') {
      window.clearTimeout(timer);
      clear(text);
      text.append(svg(tone === 'error' ? icons.warning : icons.scan), bi(message));
      el.dataset.tone = tone;
      el.hidden = false;
      document.body.dataset.popup = 'open';
      timer = window.setTimeout(hide, timeoutMs);
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
    document.body.dataset.banner = el.hidden ? '' : 'open';
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

export interface ConfirmOptions {
  question: Bilingual;
  detail?: Bilingual;
  yes: Bilingual;
  no: Bilingual;
}

/**
 * A yes/no question over the screen (leave a half-filled form?). It answers
 * `false` when replaced by another question or closed by the idle reset.
 */
export function confirmDialog(host: HTMLElement): { ask(o: ConfirmOptions): Promise<boolean>; close(): void } {
  const box = h('div', { class: 'confirm-box' });
  const el = h('div', { class: 'confirm-overlay', role: 'alertdialog', 'aria-modal': 'true', hidden: true }, box);
  host.append(el);
  let pending: ((answer: boolean) => void) | null = null;
  const settle = (answer: boolean) => {
    el.hidden = true;
    document.body.dataset.dialog = '';
    clear(box);
    const p = pending;
    pending = null;
    p?.(answer);
  };
  return {
    ask(o) {
      settle(false);
      box.append(h('h2', { class: 'confirm-q' }, bi(o.question)));
      if (o.detail) box.append(h('p', { class: 'confirm-detail' }, bi(o.detail)));
      box.append(
        h(
          'div',
          { class: 'confirm-actions' },
          h('button', { type: 'button', class: 'btn btn-secondary', 'data-action': 'confirm-no', onclick: () => settle(false) }, tx(o.no)),
          h('button', { type: 'button', class: 'btn btn-primary', 'data-action': 'confirm-yes', onclick: () => settle(true) }, tx(o.yes)),
        ),
      );
      el.hidden = false;
      document.body.dataset.dialog = 'open';
      return new Promise<boolean>((resolve) => (pending = resolve));
    },
    close: () => settle(false),
  };
}
