import t from 'tap';
import { AADHAAR_MASK, redactAadhaar, verhoeffCheckDigit, verhoeffValid } from '../../../controller/services/redact.js';

t.test('Verhoeff: the published example 236 → check digit 3; every single-digit error is caught', async (t) => {
  t.equal(verhoeffCheckDigit('236'), 3);
  t.ok(verhoeffValid('2363'));
  t.notOk(verhoeffValid('2364'));
  const n = `49183726354${verhoeffCheckDigit('49183726354')}`;
  t.ok(verhoeffValid(n));
  for (let i = 0; i < n.length; i++) {
    const wrong = n.slice(0, i) + String((Number(n[i]) + 1) % 10) + n.slice(i + 1);
    t.notOk(verhoeffValid(wrong), `error at position ${i}`);
  }
  const swapped = n[1]! + n[0]! + n.slice(2);
  if (swapped !== n) t.notOk(verhoeffValid(swapped), 'adjacent transposition');
});

t.test('redaction: only 12-digit numbers passing the check, written together or in groups of four', async (t) => {
  const valid = `49183726354${verhoeffCheckDigit('49183726354')}`;
  const grouped = `${valid.slice(0, 4)} ${valid.slice(4, 8)} ${valid.slice(8)}`;
  const hyphened = `${valid.slice(0, 4)}-${valid.slice(4, 8)}-${valid.slice(8)}`;
  t.same(redactAadhaar(`aadhaar ${valid} please`), { text: `aadhaar ${AADHAAR_MASK} please`, redacted: 1 });
  t.same(redactAadhaar(`${grouped} and ${hyphened}`), { text: `${AADHAAR_MASK} and ${AADHAAR_MASK}`, redacted: 2 });
  const invalid = valid.slice(0, 11) + String((Number(valid[11]) + 1) % 10);
  t.same(redactAadhaar(`meter ${invalid}`).redacted, 0, 'a 12-digit number failing the check stays');
  const zeroStart = `01234567890${verhoeffCheckDigit('01234567890')}`;
  t.same(redactAadhaar(zeroStart).redacted, 0, 'Aadhaar numbers never start with 0 or 1');
  t.same(redactAadhaar(`9${valid}`).redacted, 0, 'part of a longer number');
  t.same(redactAadhaar('mobile 9876543210, account 2130000001').redacted, 0, 'mobile and connection numbers untouched');
  t.same(redactAadhaar('आधार ' + valid).text, `आधार ${AADHAAR_MASK}`);
});
