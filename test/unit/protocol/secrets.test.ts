import t from 'tap';
import { newSecret, secretProblem } from '../../../protocol/secrets.js';

t.test('the secret rule', async (t) => {
  const cases: Array<[string | undefined, RegExp | null]> = [
    [undefined, /missing/],
    ['', /missing/],
    ['dev-admin-token-change-me', /placeholder word "change-me"/],
    ['DEV-Zq8mL3vR7xT2nB9cW4yP6sD1fG5hJ0aQ', /placeholder word "dev-"/],
    ['Zq8mL3vR7xT2nB9cW4yP6sD1fG5hJ0-Secret', /placeholder word "secret"/],
    ['Zq8mL3vR7xT2nB9cW4yP6sD1fG5h-EXAMPLE', /placeholder word "example"/],
    ['Zq8mL3vR7xT2nB9cW4yP6sD1fG5', /27 characters; at least 32/],
    ['0101010101010101010101010101010101', /only 2 distinct/],
    ['Zq8mL3vR7xT2nB9cW4yP6sD1fG5hJ0aQQQQ', /repeats 4 times/],
    ['Zq8mL3vR7xT2nB9cW4yP6sD1fG5hJ0abcdef', /consecutive/],
    ['Zq8mL3vR7xT2nB9cW4yP6sD1fG5hJ0aQ', null],
    ['3f9a1c7e5b2d8046af1e3c9b7d5a2e8f', null],
  ];
  for (const [value, expected] of cases) {
    const problem = secretProblem(value);
    if (expected) t.match(problem, expected, `${JSON.stringify(value)}: ${problem}`);
    else t.equal(problem, null, `${value}: accepted`);
  }
});

t.test('new secrets pass the rule and differ', async (t) => {
  const made = Array.from({ length: 200 }, () => newSecret());
  t.ok(made.every((s) => secretProblem(s) === null && s.length === 43));
  t.equal(new Set(made).size, made.length);
});
