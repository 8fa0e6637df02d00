// Two more papers a help desk hands out: the receipt of a payment KESCO has
// confirmed, and a duplicate of a bill. Pure, like layout.ts: the same input
// always prints the same document.
import { glossary as G } from '../../config/glossary.js';
import type { DocBlock, PrintDocument } from '../../drivers/printer/document.js';
import type { Bill, BillReply, Payment } from '../../protocol/bills.js';
import type { Bilingual } from '../services/types.js';
import { formatIst, formatRupees, helpBlocks, labelled, paperHead } from './layout.js';

const t = (text: string, opts: Omit<Extract<DocBlock, { kind: 'text' }>, 'kind' | 'text'> = {}): DocBlock => ({ kind: 'text', text, ...opts });
const rule: DocBlock = { kind: 'rule' };


/** A payment central has confirmed: only such a payment has a receipt. */
export type ConfirmedPayment = Payment & { status: 'confirmed'; confirmedAt: string };

export function isConfirmed(p: Payment): p is ConfirmedPayment {
  return p.status === 'confirmed' && p.confirmedAt !== null;
}

export function buildPaymentReceipt(input: { payment: ConfirmedPayment; site: Bilingual; kioskId: string }): PrintDocument {
  const { payment: p, site } = input;
  const purpose: Bilingual = p.purpose === 'prepaid-recharge' ? { en: 'Smart prepaid meter recharge', hi: 'स्मार्ट प्रीपेड मीटर रिचार्ज' } : { en: 'Bill payment', hi: 'बिल भुगतान' };
  const blocks: DocBlock[] = [
    ...paperHead(site, { en: G.paymentReceipt.en, hi: G.paymentReceipt.hi }),
    ...labelled(G.date, formatIst(new Date(p.confirmedAt))),
    t(`${purpose.en} / ${purpose.hi}`, { bold: true }),
    t(`Amount / राशि: ₹ ${formatRupees(p.amountPaise / 100)}`, { bold: true, size: 'large' }),
    ...labelled({ en: 'Account', hi: G.accountShort.hi }, p.account),
  ];
  // Codes for the help desk: plain text lines, as the bank and KESCO write them.
  if (p.billId) blocks.push(t(`Bill: ${p.billId}`));
  blocks.push(
    t(`UPI ref: ${p.upiRef}`, { size: 'small' }),
    t(`Bank ref (UTR): ${p.bankRef ?? '-'}`, { size: 'small' }),
    // Central's payment ids are long (P- and 32 hex digits): on a line of their own, so they never wrap.
    t('Payment id:', { size: 'small' }),
    t(p.paymentId, { size: 'small' }),
    t(`Reference number / ${G.reference.hi}: ${p.reference}`, { size: 'small' }),
    rule,
    t(`Confirmed by KESCO on ${formatIst(new Date(p.confirmedAt))}`, { bold: true }),
    t(`केस्को द्वारा पुष्टि: ${formatIst(new Date(p.confirmedAt))}`, { bold: true }),
    rule,
    ...helpBlocks(),
    ...labelled(G.kiosk, input.kioskId, { align: 'center' }),
  );
  return { blocks };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const period = (p: string) => {
  const [y, m] = p.split('-').map(Number);
  return y && m ? `${MONTHS[m - 1]} ${y}` : p;
};

export function buildDuplicateBill(input: { reply: BillReply; bill: Bill; site: Bilingual; kioskId: string; printedAt: Date }): PrintDocument {
  const { reply, bill, site } = input;
  return {
    blocks: [
      ...paperHead(site, { en: G.duplicateBill.en, hi: G.duplicateBill.hi }),
      t(`Printed / मुद्रित: ${formatIst(input.printedAt)}`, { size: 'small' }),
      ...labelled({ en: 'Account', hi: G.accountShort.hi }, reply.account),
      t(`Consumer / उपभोक्ता: ${reply.consumerName}`),
      t(`Category / श्रेणी: ${reply.category}`, { size: 'small' }),
      rule,
      t(`Bill: ${bill.billId}`, { bold: true }),
      t(`Period / अवधि: ${period(bill.period)}`),
      t(`Units / यूनिट: ${bill.unitsKwh} kWh`),
      t(`Amount / राशि: ₹ ${formatRupees(bill.amountPaise / 100)}`, { bold: true, size: 'large' }),
      t(`Due date / देय तिथि: ${bill.dueDate.split('-').reverse().join('-')}`),
      t(bill.status === 'paid' ? 'Status / स्थिति: Paid / भुगतान हो चुका' : 'Status / स्थिति: Unpaid / बकाया', { bold: true }),
      t(`Total outstanding / कुल बकाया: ₹ ${formatRupees(reply.outstandingPaise / 100)}`),
      rule,
      t('A copy of KESCO\'s bill data; not a payment receipt.', { size: 'small' }),
      t('केस्को के बिल की प्रति; यह भुगतान रसीद नहीं है।', { size: 'small' }),
      rule,
      ...helpBlocks(),
      ...labelled(G.kiosk, input.kioskId, { align: 'center' }),
    ],
  };
}
