/**
 * npm run bench:sync — both halves of the sync benchmark in one run: gas per
 * claim and root post (gas.ts), then hub ingest of signed batches (ingest.ts,
 * when present). Each part runs in its own process so one's load or leftovers
 * do not skew the other; a failing part fails the run but the other still runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const parts = ['gas.ts', 'ingest.ts'];
let failed = 0;

for (const part of parts) {
  const file = path.join(here, part);
  if (!existsSync(file)) {
    console.log(`\nbench:sync: ${part} not present, skipped`);
    continue;
  }
  const result = spawnSync(process.execPath, ['--import', 'tsx', file, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed++;
    console.error(`bench:sync: ${part} failed (${result.signal ?? `exit ${result.status}`})`);
  }
}
process.exit(failed > 0 ? 1 : 0);
