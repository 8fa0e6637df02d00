// Due dates as a consumer reads them: a date for day-scale timelines, a time
// for hours-scale ones, in IST, the Hindi way.
import t from 'tap';
import { dueDate, istWhen } from '../../../ui/consumer/format.js';

t.test('a timeline of a day or more gives a date', async (t) => {
  // 72 h from 6 Dec 2026 10:00 IST
  const d = dueDate('2026-12-09T04:30:00.000Z', '2026-12-06T04:30:00.000Z');
  t.same(d, { hi: '9 दिसंबर 2026 तक', en: 'by 9 December 2026' });
});

t.test('an hours-scale timeline gives the time, with the part of the day in Hindi', async (t) => {
  // 6 h from 1 Dec 2026 12:05 IST → 18:05 IST
  t.same(dueDate('2026-12-01T12:35:00.000Z', '2026-12-01T06:35:00.000Z'), { hi: '1 दिसंबर 2026, शाम 6:05 बजे तक', en: 'by 6:05 pm, 1 December 2026' });
  // 4 h from 23:00 IST → 03:00 IST next day
  t.same(dueDate('2026-12-01T21:30:00.000Z', '2026-12-01T17:30:00.000Z'), { hi: '2 दिसंबर 2026, रात 3:00 बजे तक', en: 'by 3:00 am, 2 December 2026' });
  t.same(dueDate('2026-12-02T04:30:00.000Z', '2026-12-02T02:30:00.000Z').hi, '2 दिसंबर 2026, सुबह 10:00 बजे तक');
  t.same(dueDate('2026-12-02T06:30:00.000Z', '2026-12-02T02:30:00.000Z').hi, '2 दिसंबर 2026, दोपहर 12:00 बजे तक');
});

t.test('a bad date is shown as given, not as a made-up one', async (t) => {
  t.same(dueDate('soon', '2026-12-01T00:00:00.000Z'), { hi: 'soon', en: 'soon' });
});

t.test('a moment (the QR\'s expiry) is said the same way', async (t) => {
  t.same(istWhen('2026-12-02T00:07:00.000Z'), { hi: '2 दिसंबर 2026, सुबह 5:37 बजे', en: '5:37 am, 2 December 2026' });
});
