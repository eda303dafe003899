// Runs between the app and anvil: argv = [anvilBinary, ...anvilArgs].
// anvil has no option to watch its parent, and a process killed with SIGKILL
// runs no exit handlers, so without this watchdog anvil would outlive a killed
// app as an orphan. The IPC channel to the parent closes however the parent
// dies, so 'disconnect' is the one signal that always arrives.
'use strict';
const { spawn } = require('node:child_process');
const { existsSync } = require('node:fs');

const [binary, ...args] = process.argv.slice(2);
// On Linux, setpriv also ties anvil to this watchdog (PR_SET_PDEATHSIG), in case
// the watchdog itself is killed with SIGKILL. It execs anvil, so the pid stays.
const setpriv = process.platform === 'linux' && existsSync('/usr/bin/setpriv') ? '/usr/bin/setpriv' : null;
const anvil = setpriv
  ? spawn(setpriv, ['--pdeathsig', 'KILL', '--', binary, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  : spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });

let ready = false;
let output = '';
const remember = (chunk) => {
  if (ready) return; // after start-up anvil logs every request; drop it
  output = (output + chunk).slice(-8192);
  const m = /Listening on ([\d.]+|\[[0-9a-f:]+\]):(\d+)/.exec(output);
  if (m) {
    ready = true;
    process.send?.({ type: 'ready', host: m[1], port: Number(m[2]), pid: anvil.pid });
  }
};
anvil.stdout.on('data', remember);
anvil.stderr.on('data', remember);

let leaving = false;
function bye(code) {
  if (leaving) return;
  leaving = true;
  if (anvil.exitCode !== null || anvil.signalCode !== null) process.exit(code);
  // Wait until anvil is reaped, so its pid is really gone when we are.
  anvil.once('exit', () => process.exit(code));
  try {
    anvil.kill('SIGKILL');
  } catch {
    process.exit(code);
  }
  setTimeout(() => process.exit(code), 2000).unref();
}

anvil.on('error', (error) => {
  process.send?.({ type: 'failed', message: `could not run anvil (${binary}): ${error.message}` });
  bye(1);
});
anvil.on('exit', (code, signal) => {
  if (leaving) return;
  if (!ready) process.send?.({ type: 'failed', message: `anvil exited (${signal ?? code}) before listening:\n${output.trim()}` });
  leaving = true;
  process.exit(code ?? 1);
});
process.on('disconnect', () => bye(0));
process.on('SIGTERM', () => bye(0));
process.on('SIGINT', () => bye(0));
