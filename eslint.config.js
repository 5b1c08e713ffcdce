import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'coverage/',
      'jest.config.js',
      'jest.faults.config.js',
      'jest.console.config.js',
      'eslint.config.js',
    ],
  },
  // The PostGraphile baseline is a separate package in plain JavaScript, outside the TypeScript
  // project the typed rules need; Prettier still checks it.
  { ignores: ['bench/baselines/postgraphile/'] },
  // Generated from schema.graphql by `npm run console:codegen`.
  { ignores: ['apps/console/src/gql/'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/explicit-function-return-type': ['error', { allowExpressions: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'error',
      // Async functions without await are how Nest and Apollo hooks are typed; the rule is noise here.
      '@typescript-eslint/require-await': 'off',
      // A library is entered through its index only: no reaching into another library's files.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/libs/*/src/*', '#lintas/*/*'], message: 'Import the library by #lintas/<name>.' },
          ],
        },
      ],
    },
  },
  // The console: browser code, linted as TypeScript with React's rules of hooks.
  { files: ['apps/console/**/*.{ts,tsx}'], ...reactHooks.configs.flat.recommended },
  {
    files: ['apps/console/**/*.{ts,tsx}'],
    rules: {
      // The console's modules are served to the browser: nothing of the server's libraries belongs there.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['#lintas/*', '**/libs/**'], message: 'The console reaches the API over GraphQL only.' },
          ],
        },
      ],
    },
  },
  // The bundle report and budget are plain JavaScript modules, typed by bundle-size.d.mts.
  {
    files: ['apps/console/scripts/*.mjs'],
    rules: { '@typescript-eslint/explicit-function-return-type': 'off' },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/explicit-function-return-type': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
