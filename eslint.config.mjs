import tseslint from 'typescript-eslint';

const fullZod = { name: 'zod', message: "Extension code imports zod through src/api/zodMini (import * as z from '.../api/zodMini')." };

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'media/**', '.vscode-test/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    languageOptions: {
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      'no-restricted-imports': 'off',
    },
  },
  {
    // The extension bundle carries zod/mini only: the method-chaining build adds ~190 KB to every activation.
    files: ['src/**/*.ts'],
    ignores: ['src/sandbox/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [fullZod] }] },
  },
  {
    // The API client, the tree model and the sandbox must run outside VS Code.
    files: ['src/api/**/*.ts', 'src/model/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ['vscode', fullZod] }] },
  },
  {
    files: ['src/sandbox/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ['vscode'] }] },
  },
);
