// `npm run prelabel -- --model <id> --out preds.json <images or folders…>`; see README.md.
import { runPrelabelCli } from './runPrelabelCli';

const controller = new AbortController();
// The first Ctrl+C stops between images and still writes what finished; a second one ends the process.
process.once('SIGINT', () => {
  process.stderr.write('\nprelabel: stopping after the images that are running (Ctrl+C again to quit now)\n');
  controller.abort();
  process.once('SIGINT', () => process.exit(130));
});

process.exitCode = await runPrelabelCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: controller.signal });
