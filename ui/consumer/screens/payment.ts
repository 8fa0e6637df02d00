// Payment after the 201, for a bill payment and a prepaid recharge alike: the
// screen asks the controller to open the payment with central
// (POST /api/payments), the QR carries central's UPI link (tr= is central's
// payment reference, so the gateway's confirmation can be matched), and the
// status shown is central's, polled (GET /api/payments/:id). Nothing is ever
// taken as paid because a QR was shown, and no QR is ever built here.
import { clear, h, svg } from '../../shared/dom.js';
import type { RequestView } from '../../shared/types.js';
import { api, type PaymentView } from '../api.js';
import { istWhen, rupees } from '../format.js';
import { bi, S, tx, type Bilingual } from '../i18n.js';
import { icons } from '../icons.js';
import type { AppContext, Screen } from '../nav.js';
import { qrSvg } from '../qr.js';
import { receiptWatcher } from '../receipt.js';
import { referenceBlock } from './done.js';

const P = {
  opening: { hi: 'केस्को से भुगतान खोला जा रहा है…', en: 'Opening the payment with KESCO…' },
  pending: { hi: 'केस्को की पुष्टि की प्रतीक्षा है…', en: 'Waiting for KESCO to confirm the payment…' },
  confirmed: { hi: 'भुगतान की पुष्टि केस्को ने कर दी है। धन्यवाद!', en: 'KESCO has confirmed your payment. Thank you!' },
  failed: { hi: 'भुगतान विफल रहा। आपके खाते से पैसा कटा हो तो बैंक उसे लौटा देगा।', en: 'The payment failed. If money left your account, your bank returns it.' },
  refunded: { hi: 'यह भुगतान केस्को ने वापस कर दिया है; पैसा आपके खाते में लौटेगा।', en: 'KESCO has refunded this payment; the money returns to your account.' },
  expired: { hi: 'यह क्यूआर अब मान्य नहीं है। फिर से "बिल देखें और जमा करें" चुनें।', en: 'This QR has expired. Choose "View & pay bill" again.' },
  rechargeExpired: { hi: 'यह क्यूआर अब मान्य नहीं है। फिर से "स्मार्ट प्रीपेड मीटर रिचार्ज" चुनें।', en: 'This QR has expired. Choose "Smart prepaid meter recharge" again.' },
  validUntil: (t: Bilingual): Bilingual => ({ hi: `क्यूआर ${t.hi} तक मान्य`, en: `QR valid until ${t.en}` }),
  receiptPrinting: { hi: 'भुगतान रसीद छप रही है…', en: 'Printing your payment receipt…' },
  receiptPrinted: { hi: 'कृपया अपनी भुगतान रसीद ले लें', en: 'Please collect your payment receipt' },
  paid: { hi: 'भुगतान हो गया', en: 'Paid' },
  notOpened: { hi: 'आपका आवेदन इस संदर्भ संख्या के साथ सहेजा गया है, पर अभी भुगतान नहीं खुल सका।', en: 'Your request is saved with this reference number, but the payment could not be opened right now.' },
} satisfies Record<string, Bilingual | ((t: Bilingual) => Bilingual)>;

/**
 * `amount` (rupees, as submitted) is shown until central's payment arrives;
 * then central's amount is shown. Every payable service opens its payment at
 * central: `_mode` is ignored and kept only so existing callers compile.
 */
export function paymentScreen(ctx: AppContext, view: RequestView, mobile: string, amount: number): Screen {
  const receipt = receiptWatcher(view.reference, mobile, view.receipt);
  const qrArea = h('div', { class: 'qr-box', 'data-testid': 'upi-qr' });
  const amountEl = h('p', { class: 'pay-amount', 'data-testid': 'amount' }, rupees(amount));
  const statusEl = h('p', { class: 'pay-status', role: 'status', 'aria-live': 'polite' });
  const expiryEl = h('p', { class: 'pay-expiry' });
  const payReceiptEl = h('p', { class: 'pay-receipt-paper', 'data-testid': 'payment-receipt', role: 'status' });
  let receiptAsked = false;
  const receiptSlot = h('div', { class: 'pay-receipt', hidden: true }, receipt.el);
  let timer: number | undefined;
  let disposed = false;
  let state: PaymentView['status'] | 'opening' = 'opening';

  const setStatus = (text: Bilingual, state: string) => {
    clear(statusEl);
    statusEl.dataset.state = state;
    statusEl.append(svg(state === 'confirmed' ? icons.check : state === 'pending' || state === 'opening' ? icons.clock : icons.warning), bi(text));
  };
  const showQr = (link: string, payee: string) => {
    clear(qrArea);
    qrArea.classList.remove('qr-none');
    qrArea.append(qrSvg(link), h('p', { class: 'qr-payee' }, payee));
  };
  const showNoQr = (message: Bilingual) => {
    clear(qrArea);
    qrArea.classList.add('qr-none');
    qrArea.append(svg(icons.warning), bi(message));
  };

  const confirmedBox = () => {
    // The QR goes: a second scan would invite paying twice.
    clear(qrArea);
    qrArea.classList.remove('qr-none');
    qrArea.classList.add('qr-paid');
    qrArea.append(h('span', { class: 'paid-check' }, svg(icons.check)), bi(P.paid));
  };
  const showPayment = (p: PaymentView) => {
    state = p.status;
    el.dataset.payState = p.status;
    if (p.status === 'confirmed') {
      confirmedBox();
      // Only now is a receipt worth promising.
      receiptSlot.hidden = false;
    }
    if (p.status === 'pending') setStatus(P.pending, 'pending');
    else setStatus(p.status === 'expired' && p.purpose === 'prepaid-recharge' ? P.rechargeExpired : P[p.status], p.status);
    clear(expiryEl);
    if (p.status === 'pending') expiryEl.append(tx(P.validUntil(istWhen(p.expiresAt))));
    if (p.status === 'failed') showNoQr(P.failed);
    if (p.status === 'refunded') showNoQr(P.refunded);
    if (p.status === 'expired') showNoQr(p.purpose === 'prepaid-recharge' ? P.rechargeExpired : P.expired);
    // Only central's confirmation earns a payment receipt; the kiosk asks central again before printing.
    if (p.status === 'confirmed' && !receiptAsked) {
      receiptAsked = true;
      // Paid: the QR's place (now the paid mark) also tells what happens to the payment receipt.
      qrArea.append(payReceiptEl);
      payReceiptEl.dataset.state = 'printing';
      payReceiptEl.replaceChildren(tx(P.receiptPrinting));
      void api.paymentReceipt(p.paymentId, view.reference, mobile).then((res) => {
        if (disposed) return;
        payReceiptEl.dataset.state = res.ok ? 'printed' : 'failed';
        payReceiptEl.replaceChildren(tx(res.ok ? P.receiptPrinted : res.error.message));
      });
    }
  };
  const poll = async (p: PaymentView) => {
    if (disposed) return;
    const res = await api.payment(p.paymentId, view.reference, mobile);
    if (disposed) return;
    const latest = res.ok ? res.data : p;
    showPayment(latest);
    if (latest.status === 'pending') timer = window.setTimeout(() => void poll(latest), 3000);
  };

  setStatus(P.opening, 'opening');
  showNoQr(P.opening);
  void api.createPayment(view.reference, mobile).then((res) => {
    if (disposed) return;
    if (!res.ok) {
      showNoQr(res.error.message);
      setStatus(P.notOpened, 'not-opened');
      return;
    }
    const p = res.data;
    clear(amountEl);
    amountEl.append(rupees(p.amountPaise / 100));
    let payee = '';
    try {
      payee = new URL(p.upi).searchParams.get('pa') ?? '';
    } catch {
      /* shown without the payee line */
    }
    showQr(p.upi, payee);
    showPayment(p);
    if (p.status === 'pending') timer = window.setTimeout(() => void poll(p), 3000);
  });

  const el = h(
    'section',
    { class: 'screen payment' },
    h('header', { class: 'done-head' }, h('div', {}, h('h1', {}, bi(S.payTitle)), h('p', { class: 'done-service' }, tx(view.serviceName)))),
    h(
      'div',
      { class: 'done-body' },
      h('div', { class: 'pay-qr-col' }, qrArea, referenceBlock(view)),
      h(
        'div',
        { class: 'pay-side' },
        h('p', { class: 'pay-amount-label' }, tx(S.amount)),
        amountEl,
        h('p', { class: 'pay-how' }, tx(S.payScan)),
        h('p', { class: 'pay-confirm' }, svg(icons.warning), tx(S.payConfirm)),
        statusEl,
        expiryEl,
        receiptSlot,
        h('p', { class: 'helpline', 'data-testid': 'pay-helpline' }, svg(icons.phone), tx(S.helpline)),
      ),
    ),
    h('footer', { class: 'wiz-nav' }, h('button', { type: 'button', class: 'btn btn-primary btn-finish', 'data-action': 'finish', onclick: () => ctx.nav.home() }, svg(icons.home), tx(S.finish))),
  );
  return {
    name: 'payment',
    el,
    onReceiptState: (reference) => {
      if (reference === view.reference) receipt.refresh();
    },
    // A scan must not silently leave a payment the consumer may be making.
    holdsInput: () => state === 'pending' || state === 'opening',
    dispose: () => {
      disposed = true;
      window.clearTimeout(timer);
      receipt.dispose();
    },
  };
}
