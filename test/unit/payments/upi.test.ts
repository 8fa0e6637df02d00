import t from 'tap';
import { rupeesToPaise, upiUri } from '../../../controller/payments/upi.js';

t.test('UPI deep link per the linking spec', async (t) => {
  const uri = upiUri({ payee: 'kesco.ecorner@sbi', payeeName: 'KESCO Kanpur', amountPaise: 149950, transactionRef: 'KEDLS26112600042', note: 'KESCO KE-DLS-261126-00042' });
  t.equal(uri, 'upi://pay?pa=kesco.ecorner%40sbi&pn=KESCO%20Kanpur&am=1499.50&cu=INR&tr=KEDLS26112600042&tn=KESCO%20KE-DLS-261126-00042');
  const q = new URL(uri).searchParams;
  t.equal(q.get('pa'), 'kesco.ecorner@sbi');
  t.equal(q.get('am'), '1499.50');
  t.equal(upiUri({ payee: 'a@b', payeeName: 'K', amountPaise: 5, transactionRef: 'X', note: 'n' }).includes('am=0.05'), true);
  t.throws(() => upiUri({ payee: 'a@b', payeeName: 'K', amountPaise: 0, transactionRef: 'X', note: 'n' }), RangeError);
  t.equal(rupeesToPaise(1499.5), 149950);
  t.equal(rupeesToPaise(0.29), 29, 'no float drift');
});
