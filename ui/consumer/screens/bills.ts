// The bill question of "view & pay bill": the consumer's bills come from
// central (GET /api/bills/:account) once the connection number is known;
// choosing one sets billId and amount. Paid bills are shown, not payable.
import { h, svg } from '../../shared/dom.js';
import { api, type Bill, type BillReply } from '../api.js';
import { rupees } from '../format.js';
import { bi, S, tx, type Bilingual } from '../i18n.js';
import { icons } from '../icons.js';
import type { StepDef } from '../wizard.js';

const MONTHS_HI = ['जनवरी', 'फ़रवरी', 'मार्च', 'अप्रैल', 'मई', 'जून', 'जुलाई', 'अगस्त', 'सितंबर', 'अक्टूबर', 'नवंबर', 'दिसंबर'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function billPeriod(period: string): Bilingual {
  const [y, m] = period.split('-').map(Number);
  if (!y || !m || m < 1 || m > 12) return { en: period, hi: period };
  return { en: `${MONTHS_EN[m - 1]} ${y}`, hi: `${MONTHS_HI[m - 1]} ${y}` };
}

function dueDate(date: string): Bilingual {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return { en: date, hi: date };
  return { en: `due ${d} ${MONTHS_EN[m - 1] ?? ''} ${y}`, hi: `देय तिथि ${d} ${MONTHS_HI[m - 1] ?? ''} ${y}` };
}

const T = {
  title: { hi: 'कौन सा बिल जमा करना है?', en: 'Which bill do you want to pay?' },
  rule: { hi: 'बिल केस्को से लिए गए हैं। एक बिल छुएँ।', en: 'Bills are fetched from KESCO. Touch one bill.' },
  loading: { hi: 'केस्को से आपके बिल लाए जा रहे हैं…', en: 'Fetching your bills from KESCO…' },
  none: { hi: 'इस कनेक्शन का कोई बिल बकाया नहीं है।', en: 'No bill is due on this connection.' },
  paid: { hi: 'भुगतान हो चुका', en: 'Paid' },
  unpaid: { hi: 'बकाया', en: 'Unpaid' },
  outstanding: { hi: 'कुल बकाया', en: 'Total outstanding' },
  choose: { hi: 'कृपया एक बकाया बिल चुनें।', en: 'Please choose an unpaid bill.' },
  retry: { hi: 'फिर से प्रयास करें', en: 'Try again' },
  duplicate: { hi: 'डुप्लीकेट बिल छापें', en: 'Print duplicate bill' },
  duplicatePrinted: { hi: 'डुप्लीकेट बिल छप गया: कृपया ले लें', en: 'Duplicate bill printed: please collect it' },
  nothingToPay: { hi: 'कुछ भी जमा नहीं करना है', en: 'Nothing to pay' },
  settled: { hi: 'इस कनेक्शन पर कोई बिल बकाया नहीं है। आपका खाता चुकता है।', en: 'No bill is due on this connection. Your account is settled.' },
  finish: { hi: 'मुख्य पृष्ठ पर जाएँ', en: 'Go to the home screen' },
} satisfies Record<string, Bilingual>;

/** `account` is what was typed; an old 8-digit number is mapped through central first, and `legacy` keeps it. */
type Loaded = { account: string; state: 'loading' } | { account: string; state: 'ok'; reply: BillReply; legacy?: string } | { account: string; state: 'error'; message: Bilingual };

/** A duplicate of the chosen bill (or the latest), printed from central's bill data. */
function duplicateButton(account: string, billId: string | undefined): HTMLElement | null {
  if (!billId) return null;
  const note = h('span', { class: 'dup-note', role: 'status', 'data-testid': 'duplicate-bill' });
  const btn = h('button', { type: 'button', class: 'btn btn-secondary', 'data-action': 'duplicate-bill' }, svg(icons.printer), tx(T.duplicate));
  btn.addEventListener('click', () => {
    btn.disabled = true;
    void api.duplicateBill(account, billId).then((res) => {
      btn.disabled = false;
      note.dataset.state = res.ok ? 'printed' : 'failed';
      note.replaceChildren(tx(res.ok ? T.duplicatePrinted : res.error.message));
    });
  });
  return h('div', { class: 'bills-duplicate' }, btn, note);
}

/** `onSettled`: where the consumer goes when nothing is due (not a dead end). */
export function billStep(onSettled: () => void): StepDef {
  let loaded: Loaded | null = null;
  const load = (account: string, done: () => void) => {
    loaded = { account, state: 'loading' };
    void (async () => {
      let number = account;
      let legacy: string | undefined;
      if (/^\d{8}$/.test(account)) {
        const mapped = await api.legacyAccount(account);
        if (loaded?.account !== account) return;
        if (!mapped.ok) {
          loaded = { account, state: 'error', message: mapped.error.message };
          return done();
        }
        number = mapped.data.account;
        legacy = account;
      }
      const res = await api.bills(number);
      if (loaded?.account !== account) return;
      loaded = res.ok ? { account, state: 'ok', reply: res.data, ...(legacy ? { legacy } : {}) } : { account, state: 'error', message: res.error.message };
      done();
    })();
  };
  const card = (b: Bill, chosen: boolean, choose: () => void) =>
    h(
      'button',
      { type: 'button', class: `choice bill${chosen ? ' chosen' : ''}`, role: 'radio', 'aria-checked': chosen ? 'true' : 'false', 'data-value': b.billId, disabled: b.status === 'paid', onclick: choose },
      h('span', { class: 'choice-mark' }, chosen ? svg(icons.check) : null),
      h('span', { class: 'bill-main' }, h('span', { class: 'bill-period' }, tx(billPeriod(b.period))), h('span', { class: 'bill-due' }, tx(dueDate(b.dueDate)), ` · ${b.unitsKwh} kWh`)),
      h('span', { class: 'bill-amount' }, rupees(b.amountPaise / 100), h('span', { class: `bill-status bill-${b.status}` }, tx(b.status === 'paid' ? T.paid : T.unpaid))),
    );
  return {
    key: 'billId',
    kind: 'custom',
    title: T.title,
    rule: T.rule,
    check: (v) => (v ? null : T.choose),
    render(io) {
      const account = io.values.get('account') ?? '';
      if (!loaded || loaded.account !== account) load(account, () => io.set('billsFor', account));
      const current: Loaded = loaded!;
      if (current.state === 'loading') return h('div', { class: 'bills-wait', role: 'status' }, h('span', { class: 'spinner' }), bi(T.loading));
      if (current.state === 'error')
        return h('div', { class: 'bills-wait bills-error', role: 'alert' }, svg(icons.warning), bi(current.message), h('button', { type: 'button', class: 'btn btn-secondary', onclick: () => load(account, () => io.set('billsFor', `${account}:${Date.now()}`)) }, tx(T.retry)));
      const reply = current.reply;
      const chosen = io.values.get('billId');
      if (!reply.bills.some((b) => b.status === 'unpaid'))
        return h(
          'div',
          { class: 'bills nothing-to-pay', 'data-testid': 'nothing-to-pay' },
          h('p', { class: 'bills-who' }, h('b', {}, reply.consumerName), ` · ${reply.category}`),
          h('div', { class: 'settled' }, svg(icons.check), h('div', {}, h('p', { class: 'settled-title' }, bi(T.nothingToPay)), h('p', { class: 'settled-text' }, bi(T.settled)))),
          h('button', { type: 'button', class: 'btn btn-primary btn-finish', 'data-action': 'settled-home', onclick: onSettled }, svg(icons.home), tx(T.finish)),
        );
      return h(
        'div',
        { class: 'bills' },
        h('p', { class: 'bills-who' }, h('b', {}, reply.consumerName), ` · ${reply.category} · `, tx(T.outstanding), ` ${rupees(reply.outstandingPaise / 100)}`),
        current.legacy ? h('p', { class: 'legacy-note', 'data-testid': 'legacy-note' }, tx(S.legacyFound(current.legacy, reply.account))) : null,
        reply.bills.length === 0
          ? h('p', { class: 'bills-wait' }, bi(T.none))
          : h('div', { class: 'choices choices-bills', role: 'radiogroup' }, ...reply.bills.map((b) => card(b, chosen === b.billId, () => {
              io.set('amount', String(b.amountPaise / 100));
              io.set('billId', b.billId);
            }))),
        duplicateButton(reply.account, chosen ?? reply.bills[0]?.billId),
      );
    },
    summary(values) {
      const id = values.get('billId') ?? '';
      const bill = loaded?.state === 'ok' ? loaded.reply.bills.find((b) => b.billId === id) : undefined;
      return bill ? h('span', {}, tx(billPeriod(bill.period)), ` · ${rupees(bill.amountPaise / 100)}`) : id;
    },
  };
}
