import { defineConfig } from '@playwright/test';

/** Debian's Chromium; Playwright's own browser downloads are never used (see README). */
const CHROMIUM_PATH = process.env.GROUNDWORK_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// e2e/run.mjs reads this file for its closing count.
const RESULTS_FILE = 'test-results/e2e/results.json';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  globalSetup: './support/globalSetup.ts',
  // One host, two cores: journeys run one at a time so timings stay honest.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  outputDir: '../test-results/e2e/artifacts',
  reporter: [['list'], ['json', { outputFile: `../${RESULTS_FILE}` }]],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
