import t from 'tap';
import { formatReference, referencePattern } from '../../../controller/store/reference.js';

t.test('references read aloud: site, IST date, five-digit sequence', async (t) => {
  t.equal(formatReference('DLS', new Date('2026-11-26T06:00:00Z'), 42), 'KE-DLS-261126-00042');
  // 19:00 UTC is 00:30 the next day in Kanpur
  t.equal(formatReference('DLS', new Date('2026-11-26T19:00:00Z'), 1), 'KE-DLS-261127-00001');
  t.equal(formatReference('PHB', new Date('2026-01-01T00:00:00Z'), 123456), 'KE-PHB-260101-123456');
  t.match(formatReference('DDN', new Date(), 7), referencePattern);
  t.throws(() => formatReference('DLS', new Date(), 0), RangeError);
  t.notOk(referencePattern.test('KE-DLS-261126-0042'));
});
