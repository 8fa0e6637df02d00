import t from 'tap';
import { bodyHash, canonicalJson } from '../../../central/intake/canonical.js';

t.test('key order does not matter, values do', async (t) => {
  t.equal(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: 'x' } }), '{"a":{"c":"x","d":[2,{"y":2,"z":1}]},"b":1}');
  t.equal(bodyHash({ a: 1, b: 2 }), bodyHash({ b: 2, a: 1 }));
  t.not(bodyHash({ a: 1 }), bodyHash({ a: '1' }));
  t.equal(bodyHash({ a: 1, b: undefined }), bodyHash({ a: 1 }), 'undefined keys are absent, as in JSON');
});
