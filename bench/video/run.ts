/**
 * npm run bench:video — the video engine on generated 10-minute 1280×720
 * H.264 files (8 s and 1 s keyframe intervals), against baselines measured
 * in the same run: random frame access vs one ffmpeg process per frame,
 * next-frame step, sustained playback, shot detection vs ffmpeg's plain
 * scene filter, peak RSS while scrubbing vs the cache cap. Every served
 * frame's burned-in index is checked. Prints PASS/MISS per goal.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { detectShots, probeVideo } from '../../native/video';
import { tenMinuteVideo } from './benchVideos';
import { baselineFrame, playback, plainSceneFilter, randomAccess, scrubInChild } from './measure';
import { mb, ms, percentile, printGoals, seededFrames, type Goal } from './stats';

const RANDOM_FRAMES = 50;
const PLAY_FRAMES = 300;
const SCRUB_STEP = 240;
const SCRUB_PLAY = 45;
const FIXED_OVERHEAD = 150 * 1024 * 1024;

const log = (line: string) => console.log(line);
const goals: Goal[] = [];
const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'groundwork-bench-video-run-'));
console.log(`bench:video — ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);

for (const interval of [240, 30]) {
  const file = await tenMinuteVideo(interval, log);
  const cacheDir = path.join(workDir, `k${interval}`);
  let t = performance.now();
  const probe = await probeVideo(file, { cacheDir });
  const coldIndex = performance.now() - t;
  t = performance.now();
  await probeVideo(file, { cacheDir });
  const cachedIndex = performance.now() - t;
  const label = `${interval / 30} s keyframes`;
  console.log(`\n${path.basename(file)} (${label}): ${probe.info.frameCount} frames, ${probe.keyframes.length} keyframes; index ${ms(coldIndex)} cold, ${ms(cachedIndex)} cached`);

  await baselineFrame(probe, 1000); // warm the file cache for both sides
  const wanted = seededFrames(RANDOM_FRAMES, probe.info.frameCount, 42 + interval);
  const random = await randomAccess(probe, wanted, cacheDir);
  const [p50, p95] = [percentile(random.ours, 0.5), percentile(random.ours, 0.95)];
  const [b50, b95] = [percentile(random.baseline, 0.5), percentile(random.baseline, 0.95)];
  console.log(`  random access (${RANDOM_FRAMES} frames): ours p50 ${ms(p50)} p95 ${ms(p95)} | baseline p50 ${ms(b50)} p95 ${ms(b95)} | ratio p50 ${(b50 / p50).toFixed(2)}×`);
  const s50 = percentile(random.nextStep, 0.5);
  const s95 = percentile(random.nextStep, 0.95);
  console.log(`  next-frame step from cache: p50 ${ms(s50)} p95 ${ms(s95)}; wrong frames: ${random.wrong} of ${RANDOM_FRAMES * 2}`);
  const play = await playback(probe, wanted[0]!, PLAY_FRAMES, path.join(cacheDir, 'play'));
  console.log(`  playback ${PLAY_FRAMES} frames: ${play.fps.toFixed(1)} fps, worst wait ${ms(play.worstMs)}, wrong ${play.wrong}`);

  goals.push({ name: `frames served exactly (${label})`, measured: `${random.wrong + play.wrong} wrong`, target: '0', pass: random.wrong + play.wrong === 0 });
  if (interval === 240) {
    goals.push({ name: 'random access p50 (8 s)', measured: `${ms(p50)} (baseline ${ms(b50)})`, target: '≤ 150 ms', pass: p50 <= 150 });
    goals.push({ name: 'random access p95 (8 s)', measured: `${ms(p95)} (baseline ${ms(b95)})`, target: '≤ 400 ms', pass: p95 <= 400 });
  }
  goals.push({ name: `next-frame step p95 (${label})`, measured: ms(s95), target: '≤ 16 ms', pass: s95 <= 16 });
  goals.push({ name: `sustained playback (${label})`, measured: `${play.fps.toFixed(1)} fps`, target: '≥ 30 fps', pass: play.fps >= 30 });

  if (interval === 240) {
    const plain = await plainSceneFilter(file);
    t = performance.now();
    const shots = await detectShots(file, { probe });
    const ours = (performance.now() - t) / 1000;
    const speed = plain / ours;
    console.log(`  shots: ours ${ours.toFixed(1)} s (${shots.segments.length} segments, ${shots.scores.length} scores) | plain scene filter ${plain.toFixed(1)} s | speed ${speed.toFixed(2)}×`);
    goals.push({ name: 'shot segmentation speed vs plain scene filter', measured: `${speed.toFixed(2)}×`, target: '≥ 0.8×', pass: speed >= 0.8 });

    for (const cap of [64 * 1024 * 1024, 512 * 1024 * 1024]) {
      const mem = await scrubInChild(file, cap, path.join(cacheDir, `scrub-${cap}`), SCRUB_STEP, SCRUB_PLAY);
      const peak = Math.max(mem.peakRss, mem.maxRssKb * 1024);
      const bound = mem.startRss + cap + FIXED_OVERHEAD;
      console.log(
        `  scrub end to end (jump every ${SCRUB_STEP} frames, play ${SCRUB_PLAY}; cap ${mb(cap)}): ${mem.frames} frames decoded in ${mem.seconds.toFixed(1)} s, cache ${mb(mem.cacheBytes)}, RSS ${mb(mem.startRss)} → peak ${mb(peak)} (bound ${mb(bound)} = start + cap + ${mb(FIXED_OVERHEAD)})`,
      );
      goals.push({ name: `peak RSS scrubbing, cap ${mb(cap)}`, measured: mb(peak), target: `≤ ${mb(bound)}`, pass: peak <= bound && mem.cacheBytes <= cap });
    }
  }
}

printGoals(goals);
await fs.rm(workDir, { recursive: true, force: true });
