import tseslint from 'typescript-eslint';
import { importBoundaries } from './scripts/eslint/importBoundaries.js';

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'contracts/artifacts/**', 'bench/results/**', 'test-results/**'] },
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' },
    plugins: { groundwork: { rules: { 'import-boundaries': importBoundaries } }, '@typescript-eslint': tseslint.plugin },
    rules: {
      'groundwork/import-boundaries': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      'no-debugger': 'error',
    },
  },
);
