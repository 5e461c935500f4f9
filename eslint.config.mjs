import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.demo/**', '.bench/**', '.dx-platform/**', 'server/.dx-platform/**', 'server/web/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // A promise nobody awaits loses its error: mark the deliberate ones `void`.
    files: ['src/**/*.ts', 'webview-ui/src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  {
    // The core is pure: it must run, and be tested, without an editor.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/core is pure: take what you need from the editor through an interface in src/host.' }] }],
    },
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.mjs', '*.mjs', 'server/test/**/*.ts', 'server/scripts/**/*.mjs', 'server/test/**/*.mjs'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['scripts/**/*.mjs', '*.mjs', 'test/**/*.mjs', 'server/scripts/**/*.mjs', 'server/test/**/*.mjs', 'server/web/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
