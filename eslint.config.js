// ESLint flat config, after the Svelte project template (`npx sv create`): typescript-eslint's
// type-aware rules over every TypeScript file (each file checked against the tsconfig that owns
// it), eslint-plugin-svelte for the screens, and eslint-config-prettier last so that formatting is
// Prettier's alone (`npm run format`). Every rule turned off or down below says why.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

const root = import.meta.dirname;

export default ts.config(
  {
    ignores: [
      '**/node_modules/',
      'dist/',
      'out/',
      'data/',
      'test-results/',
      'playwright-report/',
      'bench/results/',
      'test/build/fixtures/',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommendedTypeChecked,
  ...svelte.configs['flat/recommended'],
  prettier,
  ...svelte.configs['flat/prettier'],
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        project: ['./tsconfig.json', './tsconfig.electron.json', './src-renderer/tsconfig.json'],
        tsconfigRootDir: root,
        extraFileExtensions: ['.svelte'],
      },
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { parser: ts.parser, svelteConfig: undefined },
    },
  },
  {
    files: ['**/*.svelte'],
    rules: {
      // typescript-eslint sees a Svelte component's props, and callbacks typed by them, as `any`;
      // svelte-check types them fully (npm test's "typecheck renderer" stage).
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
  {
    files: ['src-renderer/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    rules: {
      // An async function that awaits nothing still implements a Promise-returning interface (route
      // handlers, the Host, fakes) and turns a throw into a rejection, which is what callers handle.
      '@typescript-eslint/require-await': 'off',
      // `_name` marks a parameter or binding kept for its position or to drop it from a rest object.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['test/**', 'bench/**'],
    rules: {
      // Tests read JSON bodies and page evaluations as `any` and then assert their shape; typing
      // each body first would restate the contract the assertions already check.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // Playwright fixtures that use no other fixture are written `async ({}, use) => …` (its API).
      'no-empty-pattern': 'off',
    },
  },
  {
    // Plain JavaScript scripts (build, start, test runner) are in no tsconfig: lint without types.
    files: ['**/*.mjs', '**/*.js', 'src-renderer/vite.config.ts'],
    ...ts.configs.disableTypeChecked,
  },
);
