import t from 'tap';
import { highestReferenceSequence } from '../../../controller/store/salvage.js';

t.test('the highest reference number in raw bytes', async (t) => {
  t.equal(highestReferenceSequence(''), 0);
  t.equal(highestReferenceSequence('x KE-DLS-261120-00042 y KE-PHB-261121-00007 z'), 42);
  const bytes = Buffer.concat([Buffer.from([0, 0xff, 0x13]), Buffer.from('KE-DLS-261120-01234'), Buffer.from([0x0d, 0]), Buffer.from('{"reference":"KE-DLS-261120-00099"')]);
  t.equal(highestReferenceSequence(bytes), 1234, 'between binary page bytes');
  t.equal(highestReferenceSequence('KE-DLS-261120-0004'), 0, 'too short to be a reference');
  t.equal(highestReferenceSequence('KE-DLS-261120-123456789012'), 1234567, 'digits glued on by the next field are capped');
});
