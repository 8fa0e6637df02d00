// The printed acknowledgement's state, polled from GET /api/requests/:ref
// until it is printed (or failed); while the printer waits for paper the
// poll slows down but continues, so "please collect" appears when it prints.
import { clear, h, svg } from '../shared/dom.js';
import type { ReceiptState } from '../shared/types.js';
import { api } from './api.js';
import { bi, S, type Bilingual } from './i18n.js';
import { icons } from './icons.js';

export function receiptMessage(r: ReceiptState): { text: Bilingual; tone: 'busy' | 'ok' | 'warn' } {
  switch (r.state) {
    case 'pending':
      return { text: S.receiptPending, tone: 'busy' };
    case 'printed':
    // A printer without GS r can only show the receipt was sent: the consumer is told the same.
    case 'sent':
      return { text: S.receiptPrinted, tone: 'ok' };
    case 'waiting':
      return { text: r.reason === 'paper-end' || r.reason === 'paper-near-end' ? S.receiptPaper : S.receiptWaiting, tone: 'warn' };
    case 'failed':
      return { text: S.receiptFailed, tone: 'warn' };
  }
}

export function receiptWatcher(reference: string, mobile: string, initial: ReceiptState = { state: 'pending' }): { el: HTMLElement; refresh(): void; dispose(): void } {
  const el = h('div', { class: 'receipt', role: 'status', 'aria-live': 'polite' });
  let timer: number | undefined;
  let disposed = false;
  let started = Date.now();
  const paint = (r: ReceiptState) => {
    const m = receiptMessage(r);
    clear(el);
    el.dataset.state = r.state;
    el.dataset.tone = m.tone;
    el.append(svg(m.tone === 'warn' ? icons.warning : icons.printer), bi(m.text));
  };
  const poll = async () => {
    window.clearTimeout(timer);
    if (disposed) return;
    const res = await api.request(reference, mobile);
    if (disposed) return;
    let state: ReceiptState['state'] = 'pending';
    if (res.ok && res.data.receipt) {
      paint(res.data.receipt);
      state = res.data.receipt.state;
    }
    if (state === 'printed' || state === 'sent' || state === 'failed') return;
    const age = Date.now() - started;
    if (age > 10 * 60_000) return;
    timer = window.setTimeout(() => void poll(), state === 'waiting' || age > 30_000 ? 5000 : 1000);
  };
  paint(initial);
  void poll();
  return {
    el,
    refresh() {
      started = Date.now();
      void poll();
    },
    dispose() {
      disposed = true;
      window.clearTimeout(timer);
    },
  };
}
