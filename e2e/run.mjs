// `npm run test:e2e`: runs the Playwright journeys (e2e/playwright.config.ts)
// and exits non-zero on any failure, or when no test ran at all. Prints a
// closing "e2e: N passed, N failed" line that CI logs can be read by.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const chromium = process.env.GROUNDWORK_CHROMIUM ?? '/usr/bin/chromium';
const resultsFile = path.join(root, 'test-results/e2e/results.json'); // RESULTS_FILE in playwright.config.ts

if (!existsSync(chromium)) {
  console.error(`e2e: no Chromium at ${chromium}. Install it (Debian: apt-get install -y chromium) or set GROUNDWORK_CHROMIUM to its path.`);
  process.exit(1);
}
const rendererDir = process.env.GROUNDWORK_RENDERER_DIR || path.join(root, 'out/renderer');
if (!existsSync(path.join(rendererDir, 'index.html'))) {
  console.error(`e2e: the renderer is not built (${rendererDir}/index.html is missing). Run \`npm run build\` first; \`npm test\` does.`);
  process.exit(1);
}

const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
rmSync(resultsFile, { force: true });
const child = spawn(process.execPath, [cli, 'test', '-c', path.join(root, 'e2e/playwright.config.ts'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));

child.on('exit', (code, signal) => {
  const stats = readStats();
  if (!stats) {
    console.error(`e2e: Playwright wrote no results (exit code ${code}, signal ${signal}).`);
    process.exit(code || 1);
  }
  const passed = stats.expected + stats.flaky;
  const skipped = stats.skipped ? `, ${stats.skipped} skipped` : '';
  console.log(`e2e: ${passed} passed, ${stats.unexpected} failed${skipped}`);
  if (passed + stats.unexpected === 0) {
    console.error('e2e: no test ran.');
    process.exit(1);
  }
  process.exit(code ?? 1);
});

function readStats() {
  try {
    return JSON.parse(readFileSync(resultsFile, 'utf8')).stats;
  } catch {
    return null;
  }
}
