/**
 * npm run bench:shots — shot detection judged on videos made from real
 * photographs with known boundaries (hard cuts, cross-dissolves, fades
 * through black; shots with pans, zooms, Ken Burns moves, flashes, exposure
 * ramps, short shots, consecutive crops of one photo; x264 medium, B-frames,
 * 8 s keyframes), against ffmpeg's own scene filter in the same run:
 * - quality: precision/recall/F1 per kind under the matching rule of
 *   native/video/shots/testSupport/boundaryMatch.ts, ours vs the scene score
 *   at 0.3 and 0.4 on the same 160-px frames (and 0.4 at full size);
 * - speed: our whole pass vs `select='gt(scene,0.3)'` on frames scaled to
 *   the same 160 px (the fair baseline), and at full size for context.
 * Env: SHOTS_BENCH_VIDEOS (640×360 videos, default 4), SHOTS_BENCH_HD=0
 * (skip the 1280×720 one), SHOTS_BENCH_REPEATS (timed runs each, default 3).
 * Videos are cached in <tmp>/groundwork-shots-videos/.
 */
import os from 'node:os';
import path from 'node:path';
import { probeVideo, segmentsFromScores } from '../../native/video';
import { ANALYSIS_WIDTH } from '../../native/video/shots/detectShots';
import { boundariesOf, CUT_TOLERANCE, GRADUAL_TOLERANCE } from '../../native/video/shots/testSupport/boundaryMatch';
import { sceneFilterScores } from '../../native/video/shots/testSupport/sceneFilterBaseline';
import { shotsVideo } from '../../native/video/shots/testSupport/shotsVideo';
import { generatedVideoSpec, type BoundaryKind } from '../../native/video/shots/testSupport/shotsVideoSpec';
import { printGoals, type Goal } from '../video/stats';
import { median, QualityTally, timeOurs, timeSceneFilter } from './measure';

const VIDEOS = Number(process.env.SHOTS_BENCH_VIDEOS ?? 4);
const HD = process.env.SHOTS_BENCH_HD !== '0';
const REPEATS = Math.max(1, Number(process.env.SHOTS_BENCH_REPEATS ?? 3));
const SHOTS_PER_VIDEO = 26;
const BASELINE_THRESHOLDS = [0.3, 0.4];

console.log(`bench:shots — ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`matching: a hard cut is found by a detected boundary within ±${CUT_TOLERANCE} frame of its first new frame; a dissolve or fade by one inside its span ±${GRADUAL_TOLERANCE} frames;`);
console.log('each truth and each detection matched at most once; every unmatched detection is a false positive counted against every kind.\n');

const specs = Array.from({ length: VIDEOS }, (_, i) => generatedVideoSpec(`photos-${i + 1}`, i + 1, SHOTS_PER_VIDEO));
if (HD) specs.push(generatedVideoSpec('photos-hd', 1, SHOTS_PER_VIDEO, { width: 1280, height: 720 }));

const ours = new QualityTally();
const baselines = new Map<string, QualityTally>();
const tally = (name: string) => baselines.get(name) ?? baselines.set(name, new QualityTally()).get(name)!;
const speed = { ours: 0, scaled: 0, full: 0, frames: 0 };
const speedHd = { ours: 0, scaled: 0, full: 0, frames: 0 };

for (const spec of specs) {
  const made = performance.now();
  const video = await shotsVideo(spec);
  const probe = await probeVideo(video.path, {});
  const kinds = (k: BoundaryKind) => video.boundaries.filter((b) => b.kind === k).length;
  console.log(`${path.basename(video.path)} (${spec.width}×${spec.height}, ${video.frameCount} frames; ${kinds('cut')} cuts, ${kinds('dissolve')} dissolves, ${kinds('fade')} fades; ready in ${((performance.now() - made) / 1000).toFixed(1)} s)`);

  // Timed runs alternate so machine load hits all sides alike.
  const times = { ours: [] as number[], scaled: [] as number[], full: [] as number[] };
  let detected: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const mine = await timeOurs(probe);
    times.ours.push(mine.seconds);
    detected = mine.boundaries;
    times.scaled.push(await timeSceneFilter(video.path, ANALYSIS_WIDTH, 0.3));
    times.full.push(await timeSceneFilter(video.path, null, 0.3));
  }
  const [o, s, f] = [median(times.ours), median(times.scaled), median(times.full)];
  const fps = (seconds: number) => `${(video.frameCount / seconds).toFixed(0)} fps`;
  console.log(`  speed (median of ${REPEATS}): ours ${o.toFixed(2)} s (${fps(o)}) | scene filter at ${ANALYSIS_WIDTH} px ${s.toFixed(2)} s (${fps(s)}) → ours ${(s / o).toFixed(2)}× its speed | full size ${f.toFixed(2)} s (${fps(f)}) → ${(f / o).toFixed(2)}×`);
  const bucket = spec.width > 640 ? speedHd : speed;
  bucket.ours += o;
  bucket.scaled += s;
  bucket.full += f;
  bucket.frames += video.frameCount;

  const result = ours.add(detected, video.boundaries);
  console.log(`  ours: ${detected.length} boundaries, ${result.all.found}/${result.all.truths} found, ${result.falsePositives.length} false (${result.falsePositives.join(', ') || '-'}), missed ${result.missed.map((m) => `${m.kind} ${m.start}–${m.end}`).join(', ') || '-'}`);
  const scaledScores = await sceneFilterScores(probe, ANALYSIS_WIDTH);
  for (const t of BASELINE_THRESHOLDS) {
    const b = boundariesOf(segmentsFromScores(scaledScores, t));
    const r = tally(`scene>${t} at ${ANALYSIS_WIDTH} px`).add(b, video.boundaries);
    console.log(`  scene filter >${t} at ${ANALYSIS_WIDTH} px: ${b.length} boundaries, ${r.all.found}/${r.all.truths} found, ${r.falsePositives.length} false`);
  }
  const full = boundariesOf(segmentsFromScores(await sceneFilterScores(probe, null), 0.4));
  const r = tally('scene>0.4 full size').add(full, video.boundaries);
  console.log(`  scene filter >0.4 full size: ${full.length} boundaries, ${r.all.found}/${r.all.truths} found, ${r.falsePositives.length} false\n`);
}

const pct = (v: number) => v.toFixed(3);
console.log('Quality over all videos (precision / recall / F1; found of true):');
const rows: [string, QualityTally][] = [['ours', ours], ...baselines];
for (const [name, t] of rows) {
  const cells = (['cut', 'dissolve', 'fade'] as const).map((k) => {
    const s = t.score(k);
    return `${k} ${pct(s.precision)} / ${pct(s.recall)} / ${pct(s.f1)} (${s.found} of ${s.truths})`;
  });
  console.log(`  ${name.padEnd(24)} ${cells.join(' | ')} | false positives ${t.falsePositives}`);
}
const ratio = speed.scaled / speed.ours;
console.log(`\nSpeed over the 640×360 videos (${speed.frames} frames, sum of medians): ours ${speed.ours.toFixed(2)} s, scene filter at ${ANALYSIS_WIDTH} px ${speed.scaled.toFixed(2)} s (ours ${ratio.toFixed(2)}× its speed), full size ${speed.full.toFixed(2)} s (${(speed.full / speed.ours).toFixed(2)}×)`);
if (speedHd.frames) console.log(`Speed on the 1280×720 video (${speedHd.frames} frames): ours ${speedHd.ours.toFixed(2)} s, scene filter at ${ANALYSIS_WIDTH} px ${speedHd.scaled.toFixed(2)} s (ours ${(speedHd.scaled / speedHd.ours).toFixed(2)}× its speed), full size ${speedHd.full.toFixed(2)} s (${(speedHd.full / speedHd.ours).toFixed(2)}×)`);

const base = tally(`scene>0.3 at ${ANALYSIS_WIDTH} px`);
const goals: Goal[] = [];
const kindGoal = (kind: BoundaryKind, target: number) => {
  const mine = ours.score(kind);
  const theirs = base.score(kind);
  goals.push({ name: `${kind} F1`, measured: `${pct(mine.f1)} (P ${pct(mine.precision)} R ${pct(mine.recall)}) (baseline scene>0.3 ${pct(theirs.f1)})`, target: `≥ ${target}`, pass: mine.f1 >= target });
};
kindGoal('cut', 0.95);
kindGoal('dissolve', 0.8);
kindGoal('fade', 0.8);
goals.push({ name: `speed vs scene filter on the same ${ANALYSIS_WIDTH}-px frames (640×360)`, measured: `${ratio.toFixed(2)}× (baseline ${speed.scaled.toFixed(2)} s, ours ${speed.ours.toFixed(2)} s)`, target: '≥ 0.8×', pass: ratio >= 0.8 });
if (speedHd.frames) {
  const r = speedHd.scaled / speedHd.ours;
  goals.push({ name: `speed vs scene filter on the same ${ANALYSIS_WIDTH}-px frames (1280×720)`, measured: `${r.toFixed(2)}× (baseline ${speedHd.scaled.toFixed(2)} s, ours ${speedHd.ours.toFixed(2)} s)`, target: '≥ 0.8×', pass: r >= 0.8 });
}
printGoals(goals);
