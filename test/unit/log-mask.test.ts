import t from 'tap';
import { Writable } from 'node:stream';
import { maskMobile, maskMobilesInText } from '../../controller/log/mask.js';
import { createLogger } from '../../controller/log/logger.js';

t.test('mobile masks keep the first two and last two digits', async (t) => {
  t.equal(maskMobile('9876543210'), '98xxxxxx10');
  t.equal(maskMobilesInText('call +91 9876543210 or 09123456789, account 1234567890'), 'call 98xxxxxx10 or 91xxxxxx89, account 1234567890');
  t.equal(maskMobilesInText('mobile +91 98765 43210 / 98765-43210 / 987 654 3210'), 'mobile 98xxxxxx10 / 98xxxxxx10 / 98xxxxxx10');
});

t.test('the logger never writes a full mobile number', async (t) => {
  const lines: string[] = [];
  const sink = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } });
  const log = createLogger({ level: 'info', destination: sink });
  log.info({ mobile: '9876543210', nested: { mobile: '9123456789' } }, 'submitted by 9988776655');
  log.info({ req: { method: 'GET', url: '/api/requests/KE-DLS-261126-00001?mobile=9876543210' } }, 'lookup');
  const out = lines.join('');
  t.notMatch(out, /9876543210|9123456789|9988776655/);
  t.match(out, /98xxxxxx10/);
  t.match(out, /99xxxxxx55/);
});
