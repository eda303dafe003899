/**
 * npm run bench:formats — imports of large files from other tools (issue 13):
 * generated ~50 MB COCO, CVAT for images 1.1 XML and MOT 1.1 gt.txt, each
 * imported by the real importer in a child process of its own (so its peak
 * RSS is that import's), against a same-run baseline in its own child that
 * only does the generic parse (JSON.parse, fast-xml-parser, split into
 * lines and cells). Then malformed files of the same size (COCO with
 * millions of wrong-typed values, JSON nested 100,000 deep, XML with
 * 100,000 unclosed tags, MOT with every line bad) must each fail with a
 * short FormatError within 15 s. Goals: peak RSS < 1 GB per valid import.
 *
 *   BENCH_FORMATS_MB=50 BENCH_FORMATS_RUNS=3 npm run bench:formats
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as gen from './generate';
import type { BenchFormat, ChildReport } from './importChild';

const TARGET_BYTES = Number(process.env.BENCH_FORMATS_MB ?? 50) * 1e6;
const RUNS = Number(process.env.BENCH_FORMATS_RUNS ?? 3);
const RSS_GOAL_MB = 1024;
const FAIL_GOAL_S = 15;
/** File name, location, a clipped reason and "(and N more problems)". */
const MESSAGE_GOAL_CHARS = 500;
const CHILD_TIMEOUT_MS = 120_000;

const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-formats-'));
const load = () => os.loadavg()[0]!.toFixed(1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const s = (seconds: number) => `${seconds.toFixed(2)} s`;

/** Runs one measurement in a fresh process; a crash or a timeout is reported as an error, not thrown. */
function child(format: BenchFormat, mode: 'import' | 'baseline', file: string, shape: object): Promise<ChildReport> {
  const script = new URL('./importChild.ts', import.meta.url).pathname;
  return new Promise((resolve) => {
    const started = performance.now();
    const proc = spawn(process.execPath, ['--import', 'tsx', script, format, mode, file, JSON.stringify(shape)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => proc.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    proc.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as ChildReport);
      } catch {
        const why = signal === 'SIGKILL' ? `killed after ${CHILD_TIMEOUT_MS / 1000} s` : `exited with ${code ?? signal}`;
        const message = `${why}: ${err.trim().split('\n').slice(-3).join(' | ').slice(0, 300)}`;
        resolve({ seconds: (performance.now() - started) / 1000, peakRssMb: NaN, error: { formatError: false, message, messageLength: message.length } });
      }
    });
  });
}

/** Writes a generated file and returns its path and size. */
function write(name: string, text: string): { file: string; bytes: number } {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return { file, bytes: Buffer.byteLength(text) };
}

/** How many images (frames) of `perUnit` bytes make about TARGET_BYTES, measured on a small sample of the real generator. */
function unitsFor(sample: (units: number) => string): number {
  const units = 200;
  return gen.imagesFor(TARGET_BYTES, sample(units).length / units);
}

const boxesPerImage = 17;
const objectsPerFrame = 150;
const cocoShape: gen.ImageShape = { images: unitsFor((n) => gen.cocoJson({ images: n, boxesPerImage })), boxesPerImage };
const cvatShape: gen.ImageShape = { images: unitsFor((n) => gen.cvatXml({ images: n, boxesPerImage })), boxesPerImage };
const motShape: gen.VideoShape = { frames: unitsFor((n) => gen.motGt({ frames: n, objectsPerFrame })), objectsPerFrame };

console.log(`bench:formats — ~${mb(TARGET_BYTES)} files, ${RUNS} runs each, ${os.cpus().length} cores, load ${load()}, files in ${dir}`);

interface Goal {
  pass: boolean;
  line: string;
}
const goals: Goal[] = [];

const valid: { format: BenchFormat; label: string; make: () => string; shape: object }[] = [
  { format: 'coco', label: 'COCO', make: () => gen.cocoJson(cocoShape), shape: cocoShape },
  { format: 'cvat', label: 'CVAT for images XML', make: () => gen.cvatXml(cvatShape), shape: cvatShape },
  { format: 'mot', label: 'MOT 1.1 gt.txt', make: () => gen.motGt(motShape), shape: motShape },
];

console.log('\nValid files: import vs baseline parse (medians)');
for (const v of valid) {
  const { file, bytes } = write(`valid-${v.format}`, v.make());
  const imports: ChildReport[] = [];
  const baselines: ChildReport[] = [];
  for (let r = 0; r < RUNS; r++) {
    baselines.push(await child(v.format, 'baseline', file, v.shape));
    imports.push(await child(v.format, 'import', file, v.shape));
  }
  const failed = imports.find((r) => r.error);
  const rss = median(imports.map((r) => r.peakRssMb));
  const time = median(imports.map((r) => r.seconds));
  const baseRss = median(baselines.map((r) => r.peakRssMb));
  const baseTime = median(baselines.map((r) => r.seconds));
  console.log(`  ${v.label}, ${mb(bytes)}: ${imports[0]?.produced ?? 'nothing'}`);
  console.log(`    import   ${s(time)}, peak RSS ${rss.toFixed(0)} MB  (runs ${imports.map((r) => `${s(r.seconds)}/${r.peakRssMb.toFixed(0)} MB`).join(', ')})`);
  console.log(`    baseline ${s(baseTime)}, peak RSS ${baseRss.toFixed(0)} MB  (${baselines[0]?.produced ?? baselines[0]?.error?.message})`);
  console.log(`    ratio    time ${(time / baseTime).toFixed(1)}×, peak RSS ${(rss / baseRss).toFixed(1)}×, load ${load()}`);
  if (failed) console.log(`    FAILED: ${failed.error!.message}`);
  const pass = !failed && rss < RSS_GOAL_MB;
  goals.push({ pass, line: `valid ${mb(bytes)} ${v.label} import peak RSS: ${rss.toFixed(0)} MB in ${s(time)} (baseline ${baseRss.toFixed(0)} MB in ${s(baseTime)}) (goal < ${RSS_GOAL_MB} MB)${failed ? ` — import failed: ${failed.error!.message.slice(0, 160)}` : ''}` });
  rmSync(file);
}

const malformed: { format: BenchFormat; label: string; make: () => string; shape: object }[] = [
  { format: 'coco', label: 'COCO, every bbox value and image_id a string', make: () => gen.cocoWrongTypes(cocoShape), shape: cocoShape },
  { format: 'coco', label: 'COCO, JSON nested 100,000 deep and never closed', make: () => gen.deepJson(100_000, TARGET_BYTES), shape: cocoShape },
  { format: 'cvat', label: 'CVAT XML, 100,000 unclosed tags', make: () => gen.unclosedXml(100_000, cvatShape), shape: cvatShape },
  { format: 'mot', label: 'MOT gt.txt, every line bad', make: () => gen.motAllBad(motShape), shape: motShape },
];

console.log('\nMalformed files: each must fail with a short FormatError');
for (const m of malformed) {
  const { file, bytes } = write(`malformed-${m.format}`, m.make());
  const result = await child(m.format, 'import', file, m.shape);
  const base = await child(m.format, 'baseline', file, m.shape);
  const e = result.error;
  console.log(`  ${m.label}, ${mb(bytes)}: ${e ? `${e.formatError ? 'FormatError' : 'NOT a FormatError'} in ${s(result.seconds)}, peak RSS ${result.peakRssMb.toFixed(0)} MB, message ${e.messageLength} chars${e.problemCount !== undefined ? `, ${e.problemCount.toLocaleString('en')} problem${e.problemCount === 1 ? '' : 's'}` : ''}` : `imported (${result.produced})`}`);
  if (e) console.log(`    "${e.message.slice(0, 240)}"`);
  console.log(`    baseline ${s(base.seconds)}: ${base.produced ?? base.error?.message.slice(0, 120)}`);
  const pass = !!e?.formatError && result.seconds < FAIL_GOAL_S && e.messageLength <= MESSAGE_GOAL_CHARS;
  goals.push({
    pass,
    line: `malformed ${mb(bytes)} ${m.label} fails with a short FormatError: ${e ? `${e.formatError ? 'FormatError' : 'other error'} in ${s(result.seconds)}, ${e.messageLength} chars` : 'no error'} (baseline ${s(base.seconds)}) (goal < ${FAIL_GOAL_S} s, FormatError ≤ ${MESSAGE_GOAL_CHARS} chars)`,
  });
  rmSync(file);
}

rmSync(dir, { recursive: true, force: true });
console.log('\nGoals');
for (const g of goals) console.log(`${g.pass ? 'PASS' : 'MISS'} ${g.line}`);
process.exit(goals.every((g) => g.pass) ? 0 : 1);
