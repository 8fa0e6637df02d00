import t from 'tap';
import { buildDuplicateBill, buildPaymentReceipt, isConfirmed } from '../../../controller/receipts/payment-receipt.js';
import type { Payment } from '../../../protocol/bills.js';
import { textOf } from '../../../drivers/printer/document.js';

const site = { en: 'Phoolbagh help desk', hi: 'फूलबाग हेल्प डेस्क' };
const pending: Payment = {
  paymentId: 'P-00000007', reference: 'KE-PHB-261126-00007', account: '2130000001', purpose: 'bill', billId: 'B-2130000001-202610', amountPaise: 123450,
  upiRef: 'KEP00000007ABCDEF', status: 'pending', createdAt: '2026-11-26T10:00:00.000Z', expiresAt: '2026-11-26T10:15:00.000Z', confirmedAt: null, bankRef: null,
};

t.test('only a payment central confirmed has a receipt', async (t) => {
  t.notOk(isConfirmed(pending));
  t.notOk(isConfirmed({ ...pending, status: 'failed', confirmedAt: '2026-11-26T10:05:00.000Z' }));
  t.notOk(isConfirmed({ ...pending, status: 'confirmed' }), 'confirmed without a time is not evidence enough');
  t.ok(isConfirmed({ ...pending, status: 'confirmed', confirmedAt: '2026-11-26T10:05:00.000Z', bankRef: 'UTR1' }));
});

t.test('payment receipt: amount, bill, bank and UPI references, time, in both languages, with the free-service notice', async (t) => {
  const confirmed = { ...pending, status: 'confirmed' as const, confirmedAt: '2026-11-26T10:05:00.000Z', bankRef: 'UTR123456789' };
  const text = textOf(buildPaymentReceipt({ payment: confirmed, site, kioskId: 'KE-PHB-01' }));
  for (const expected of ['Payment receipt', 'भुगतान रसीद', 'Date: 26-11-2026 15:35 IST', 'दिनांक: 26-11-2026 15:35 IST', 'Bill payment / बिल भुगतान', 'Amount / राशि: ₹ 1,234.50', 'Account: 2130000001', 'कनेक्शन नंबर: 2130000001',
    'Bill: B-2130000001-202610', 'UPI ref: KEP00000007ABCDEF', 'Bank ref (UTR): UTR123456789', 'Payment id:', 'P-00000007', 'Confirmed by KESCO on 26-11-2026 15:35 IST',
    'केस्को द्वारा पुष्टि: 26-11-2026 15:35 IST', 'सभी सेवाएँ निःशुल्क — किसी कर्मचारी या गार्ड को पैसे न दें', 'Kiosk: KE-PHB-01', 'कियोस्क: KE-PHB-01']) {
    t.ok(text.includes(expected), expected);
  }
  const recharge = textOf(buildPaymentReceipt({ payment: { ...confirmed, purpose: 'prepaid-recharge', billId: null }, site, kioskId: 'KE-PHB-01' }));
  t.ok(recharge.includes('Smart prepaid meter recharge / स्मार्ट प्रीपेड मीटर रिचार्ज'));
  t.notOk(recharge.some((l) => l.startsWith('Bill:')), 'no bill line for a recharge');
});

t.test('duplicate bill: central\'s data, marked as a copy and not a payment receipt', async (t) => {
  const reply = { account: '2130000001', consumerName: 'Ramesh V.', category: 'LMV-1 domestic', outstandingPaise: 98700, bills: [] };
  const bill = { billId: 'B-2130000001-202610', period: '2026-10', unitsKwh: 210, amountPaise: 98700, dueDate: '2026-11-20', status: 'unpaid' as const };
  const text = textOf(buildDuplicateBill({ reply, bill, site, kioskId: 'KE-PHB-01', printedAt: new Date('2026-11-26T10:00:00Z') }));
  for (const expected of ['Duplicate bill', 'डुप्लीकेट बिल', 'Consumer / उपभोक्ता: Ramesh V.', 'Bill: B-2130000001-202610', 'Period / अवधि: Oct 2026', 'Units / यूनिट: 210 kWh',
    'Amount / राशि: ₹ 987.00', 'Due date / देय तिथि: 20-11-2026', 'Status / स्थिति: Unpaid / बकाया', 'Printed / मुद्रित: 26-11-2026 15:30 IST', "A copy of KESCO's bill data; not a payment receipt."]) {
    t.ok(text.includes(expected), expected);
  }
});
