import { defineConfig } from '@playwright/test';
import { E2E_WORKERS } from './support/hostEnv';

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
  // Two workers (GROUNDWORK_E2E_WORKERS, support/hostEnv.ts): one worker
  // leaves a core idle while a spec waits on its host, anvil, hub or ffmpeg,
  // so two files at once finish sooner even on two cores (README).
  // The global setup starts one browser host per worker, with its own data
  // dir and fixture folder, and e2eHost() picks the worker's own, so two tests
  // never share host state. Files run in parallel, the tests of a file in
  // order on one worker: several files share state between their tests.
  // The heaviest journeys set their own timeouts, with room for a neighbour.
  // Timings printed by the journeys are a pair's, not one spec's alone.
  workers: E2E_WORKERS,
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
    // A failed test keeps its trace: every action with the DOM as it was, network and console. Not
    // the screencast: recording its frames through every test (to keep them only on a failure) made
    // the suite take 9.5 min instead of 7.5 here on two cores, and a failure still saves its screenshot.
    trace: { mode: 'retain-on-failure', snapshots: true, screenshots: false, sources: true },
    screenshot: 'only-on-failure',
  },
});
