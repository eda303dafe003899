/**
 * npm run bench:verify — `verify-dataset` on a real 10,000-item export:
 * a hub labels it with k = 3 wallets (real EIP-712 signatures, batches of
 * 500, some dissent, disputes, signed verdicts) and exports it; then the
 * verifier (exactly what `npm run verify-dataset` runs, in process) and a
 * same-run baseline that only parses and hashes the files run in turn, a few
 * times each, and medians are printed. Goal (issue 11): ≤ 60 s.
 *
 *   BENCH_VERIFY_ITEMS=10000 BENCH_VERIFY_RUNS=3 BENCH_VERIFY_FORMAT=coco npm run bench:verify
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FormatId } from '../../core/formats';
import { runVerifyDataset } from '../../scripts/verifyDataset/runVerifyDataset';
import { parseAndHashOnly } from './baseline';
import { makeExport } from './makeExport';

const ITEMS = Number(process.env.BENCH_VERIFY_ITEMS ?? 10_000);
const RUNS = Number(process.env.BENCH_VERIFY_RUNS ?? 3);
const FORMAT = (process.env.BENCH_VERIFY_FORMAT ?? 'coco') as FormatId;
const GOAL_S = 60;

const load = () => os.loadavg()[0]!.toFixed(1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const seconds = async (f: () => Promise<unknown>) => {
  const t = performance.now();
  await f();
  return (performance.now() - t) / 1000;
};

console.log(`bench:verify — ${ITEMS.toLocaleString('en')} items, k = 3, format ${FORMAT}, ${RUNS} runs, ${os.cpus().length} cores, load ${load()}`);
const made = await makeExport({ itemCount: ITEMS, batchSize: 500, verdicts: Math.ceil(ITEMS / 100), format: FORMAT });
const zipPath = path.join(mkdtempSync(path.join(os.tmpdir(), 'bench-verify-')), 'export.zip');
writeFileSync(zipPath, made.zip);
console.log(`export: labeled and resolved in ${made.timings.labelSeconds.toFixed(1)} s; GET /export answered ${(made.zip.length / 1e6).toFixed(1)} MB in ${made.timings.exportSeconds.toFixed(2)} s (${zipPath})`);

let output = '';
const io = { stdout: { write: (t: string) => (output += t) }, stderr: { write: (t: string) => (output += t) } };
const verifyRuns: number[] = [];
const baselineRuns: number[] = [];
let failed = false;
for (let r = 0; r < RUNS; r++) {
  baselineRuns.push(await seconds(() => parseAndHashOnly(zipPath, FORMAT)));
  output = '';
  let code = -1;
  verifyRuns.push(await seconds(async () => (code = await runVerifyDataset([zipPath], io))));
  if (code !== 0) failed = true;
  console.log(`  run ${r + 1}: verify ${verifyRuns[r]!.toFixed(2)} s, baseline ${baselineRuns[r]!.toFixed(2)} s, load ${load()}`);
}
console.log(output.trimEnd().replace(/^/gm, '  | '));
const v = median(verifyRuns);
const b = median(baselineRuns);
console.log(`median: verify ${v.toFixed(2)} s, parse-and-hash baseline ${b.toFixed(2)} s (${(v / b).toFixed(1)}×)`);
console.log('\nGoals');
console.log(`${!failed && v <= GOAL_S ? 'PASS' : 'MISS'} verify ${ITEMS.toLocaleString('en')} items: ${v.toFixed(2)} s (baseline ${b.toFixed(2)} s) (goal <= ${GOAL_S} s)${failed ? ' — the export did NOT verify' : ''}`);
process.exit(failed ? 1 : 0);
