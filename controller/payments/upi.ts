// The UPI deep link shown as a QR for a bill payment (NPCI's linking spec):
// upi://pay?pa=<payee VPA>&pn=<payee name>&am=<amount>&cu=INR&tr=<ref>&tn=<note>.
// `tr` carries central's payment reference, so the gateway's confirmation
// can be matched; the kiosk never treats a shown QR as paid.

export interface UpiPayment {
  payee: string;
  payeeName: string;
  amountPaise: number;
  transactionRef: string;
  note: string;
}

export function upiUri(p: UpiPayment): string {
  if (!Number.isInteger(p.amountPaise) || p.amountPaise <= 0) throw new RangeError(`amount must be a positive number of paise, got ${p.amountPaise}`);
  const rupees = `${Math.floor(p.amountPaise / 100)}.${String(p.amountPaise % 100).padStart(2, '0')}`;
  const q = new URLSearchParams({ pa: p.payee, pn: p.payeeName, am: rupees, cu: 'INR', tr: p.transactionRef, tn: p.note });
  // URLSearchParams writes spaces as '+'; UPI apps expect %20.
  return `upi://pay?${q.toString().replace(/\+/g, '%20')}`;
}

/** ₹ amounts arrive as numbers with up to two decimals: convert without float drift. */
export function rupeesToPaise(rupees: number): number {
  return Math.round(rupees * 100);
}
