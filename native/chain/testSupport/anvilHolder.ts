// Child process for the exit-path tests: starts anvil, prints its pid, then
// leaves the way argv[2] says. The test checks anvil is gone afterwards.
import { startAnvil } from '../startAnvil';

const mode = process.argv[2];
const anvil = await startAnvil();
process.stdout.write(`anvil-pid ${anvil.pid}\n`);
if (mode === 'exit') process.exit(3);
if (mode === 'throw') setTimeout(() => { throw new Error('deliberate uncaught error'); }, 10);
if (mode === 'reject') void Promise.reject(new Error('deliberate unhandled rejection'));
// 'sigkill' and 'sigterm': stay alive until the test kills us.
setInterval(() => {}, 1000);
