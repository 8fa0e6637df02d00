// ESLint (flat config): rules that catch bugs, not formatting (Prettier owns
// layout). Typed rules (no-floating-promises, no-misused-promises) need the
// TypeScript program; they run on the Node code only, where an unawaited
// promise loses a write or a device reply (measured cost: see README, Tooling).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.tap/', 'data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // A comment between two case labels that share a body is not a fallthrough.
      'no-fallthrough': ['error', { allowEmptyCase: true }],
      // The regexes with control characters here strip them from outside input on purpose.
      'no-control-regex': 'off',
      'no-constant-binary-expression': 'error',
      'no-self-compare': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { args: 'none', caughtErrors: 'none', ignoreRestSiblings: true, varsIgnorePattern: '^_' }],
      // Layout rules belong to Prettier.
      'prefer-const': 'off',
      // Test helpers and raw JSON fixtures use `any` on purpose.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['controller/**/*.ts', 'drivers/**/*.ts', 'central/**/*.ts', 'config/**/*.ts', 'protocol/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
    },
  },
  {
    // kick()'s promise is dropped four times here: reported, not failing,
    // until the print queue's owner marks or handles each (then lift this).
    files: ['controller/receipts/print-queue.ts'],
    rules: { '@typescript-eslint/no-floating-promises': 'warn' },
  },
  {
    files: ['ui/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
