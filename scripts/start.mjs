// `npm start`: build what is stale, then run the desktop app where Electron's
// binary exists, else the browser host (same renderer, same services).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const bin = (pkg, file) => path.join(root, 'node_modules', pkg, file);

/** Newest modification time under the given files/folders (tests and hidden files ignored). */
function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const info = statSync(p);
    if (info.isDirectory()) {
      for (const name of readdirSync(p)) if (!name.startsWith('.') && name !== 'node_modules' && !/\.test\.tsx?$/.test(name)) visit(path.join(p, name));
    } else newest = Math.max(newest, info.mtimeMs);
  };
  paths.forEach((p) => visit(path.join(root, p)));
  return newest;
}

function run(args, what) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`groundwork: ${what} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

function electronBinary() {
  try {
    const executable = require('electron'); // a path; throws when the binary was never downloaded
    return typeof executable === 'string' && existsSync(executable) ? executable : null;
  } catch {
    return null;
  }
}

/** Runs a long-lived child with our stdio and mirrors its exit; Ctrl+C reaches it through the process group. */
function hand(command, args, env = process.env, ipc = false) {
  // With an IPC channel the child sees this process go away even on SIGKILL (the browser host then stops its local network).
  const child = spawn(command, args, { cwd: root, stdio: ipc ? ['inherit', 'inherit', 'inherit', 'ipc'] : 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const rendererIndex = path.join(root, 'out', 'renderer', 'index.html');
const rendererSources = ['renderer', 'core', 'electron/common', 'vite.config.ts', 'package.json'];
if (!existsSync(rendererIndex) || statSync(rendererIndex).mtimeMs < newestMtime(rendererSources)) {
  console.log('groundwork: building the renderer…');
  run([bin('vite', 'bin/vite.js'), 'build', '--logLevel', 'warn'], 'the renderer build');
}

// A newcomer without a hub gets the local network (anvil, contracts, an embedded hub with a demo task);
// GROUNDWORK_LOCAL_NETWORK=0 turns it off, =1 forces it.
const env = { ...process.env, GROUNDWORK_LOCAL_NETWORK: process.env.GROUNDWORK_LOCAL_NETWORK ?? 'auto' };

const electron = electronBinary();
if (electron) {
  console.log('groundwork: building the Electron main and preload…');
  run([bin('electron-vite', 'bin/electron-vite.js'), 'build', '--logLevel', 'warn'], 'the Electron build');
  hand(electron, ['.'], env);
} else {
  console.log('groundwork: the Electron binary is not installed (offline install), so starting the browser host instead; open the URL below. (Get the desktop app later with: node node_modules/electron/install.js)');
  hand(process.execPath, ['--import', 'tsx', path.join(root, 'electron', 'serve', 'main.ts')], env, true);
}
