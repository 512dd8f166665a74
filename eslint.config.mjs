// `npm run lint` (with Prettier's check). Type-aware rules need each file's TypeScript program: the
// project service finds the nearest tsconfig.json (one per layer of src/, test/, the root for scripts).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'out/', '.tools/', 'demo/takes/', 'test/fixtures/workspace/takes/', 'test-results/', 'bench-results/', 'tsconfig/forbidden/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  // Tests read the CLI's JSON output loosely and assert on the fields they need.
  { files: ['test/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  // Build scripts, the CLI harnesses and test helpers that run in plain Node.
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], languageOptions: { globals: globals.node } },
  { files: ['**/*.js', '**/*.cjs'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  // Ambient declarations of globals (core/globals.d.ts) are written as lib.dom.d.ts writes them.
  { files: ['**/*.d.ts'], rules: { 'no-var': 'off' } },
);
