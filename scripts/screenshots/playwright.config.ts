import { defineConfig } from '@playwright/test';
import base from '../../e2e/playwright.config';

// The README's pictures: a journey of its own, never part of the e2e run
// (e2e/playwright.config.ts looks only in e2e/). Run with
// `npx playwright test -c scripts/screenshots/playwright.config.ts`.
export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: '*.shots.ts',
  globalSetup: undefined,
  timeout: 420_000,
  outputDir: '../../test-results/screenshots',
  reporter: [['list']],
});
