/**
 * npm run bench:video — cold frames on real-world encodes. Videos pan over a
 * real photograph with grain (x264 preset medium, 3 B-frames, 8 s keyframes)
 * at 720p and 1080p, frame index burned in; every served frame is checked.
 * Baseline in the same run: one `ffmpeg -ss T -i file -frames:v 1` per frame
 * (same size, same JPEG output). Ours is measured twice: before the video's
 * frame pack exists (ffmpeg-from-keyframe, what a video gets before intake
 * has made its pack) and once the pack is made and checked, opened later. Also: pack build time and size,
 * playback fps, peak RSS while scrubbing vs the cache cap. Ends with Goals.
 *
 * Env: BENCH_VIDEO_SIZES (default "720,1080"), BENCH_VIDEO_SEGMENTS (16 s
 * each, default 4), BENCH_VIDEO_JUMPS (default 30), BENCH_VIDEO_PLAY (frames
 * played, default 300); GROUNDWORK_FRAME_PACK_NICENESS as in the host.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createFrameServer, probeVideo, type FrameServerOptions, type VideoProbe } from '../../native/video';
import { engineFrameOptions } from '../../electron/services/video/frameServerOptions';
import { photoPanVideo, SEGMENT_FRAMES, type BenchVideo } from './benchVideos';
import { FrameChecks, jumpsWithSteps, playback, scrubInChild, type JumpFigures } from './measure';
import { mb, ms, percentile, printGoals, seededFrames, type Goal } from './stats';

const SIZES = (process.env.BENCH_VIDEO_SIZES ?? '720,1080').split(',').map(Number);
const SEGMENTS = Number(process.env.BENCH_VIDEO_SEGMENTS ?? 4);
const JUMPS = Number(process.env.BENCH_VIDEO_JUMPS ?? 30);
const PLAY_FRAMES = Number(process.env.BENCH_VIDEO_PLAY ?? 300);
const SCRUB_STEP = 240;
const SCRUB_PLAY = 45;
const FIXED_OVERHEAD = 150 * 1024 * 1024;
const JPEG_QUALITY = 4;

const log = (line: string) => console.log(line);
const goals: Goal[] = [];
const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'groundwork-bench-video-run-'));
console.log(`bench:video — ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`  pack builds at niceness ${engineFrameOptions().framePackNiceness} (GROUNDWORK_FRAME_PACK_NICENESS); ${JUMPS} jumps, ${SEGMENTS * 16} s videos`);
console.log('  cold jump = getFrame(N) with N not in memory; forward/backward step = getFrame(N±1) issued the moment the jump resolved (prefetch not awaited)');

function serverOptions(cacheDir: string): FrameServerOptions {
  // What the host's engine runs with, minus the per-frame disk cache (it would make repeat runs warm).
  return { ...engineFrameOptions(), cacheDir, diskCache: false, jpegQuality: JPEG_QUALITY };
}

function describeSteps(name: string, f: JumpFigures): string {
  const p = (v: number[]) => `p50 ${ms(percentile(v, 0.5))} p95 ${ms(percentile(v, 0.95))}`;
  return `  ${name}: cold jump ${p(f.jump)} | forward step ${p(f.forward)} | backward step ${p(f.backward)}`;
}

async function benchOne(video: BenchVideo): Promise<void> {
  const cacheDir = path.join(workDir, video.label);
  const probe: VideoProbe = await probeVideo(video.file, { cacheDir });
  const whole = SEGMENTS * SEGMENT_FRAMES; // the loop's last packets past this are not whole frames
  const size = (await fs.stat(video.file)).size;
  console.log(`\n${video.label}: ${path.basename(video.file)} ${probe.width}×${probe.height}, ${whole} frames, keyframes every ${probe.keyframes[1]} frames, ${mb(size)}`);
  const wanted = seededFrames(JUMPS, whole - 2, 7 + video.patternWidth).map((n) => n + 1);
  const checks = new FrameChecks(video);

  // 1. Before the pack: a just-opened video, ffmpeg from the keyframe; the baseline interleaved.
  const baseline: number[] = [];
  const before = createFrameServer(serverOptions(path.join(cacheDir, 'no-pack')));
  await before.getFrame(probe, 0); // process warm-up, not measured
  await before.whenIdle();
  // Releasing the video forgets its frames in memory and stops its decodes: every jump starts cold.
  const fallback = await jumpsWithSteps(before, probe, wanted, checks, () => before.release(probe.path), { out: baseline, jpegQuality: JPEG_QUALITY });
  const playFallback = await playback(before, probe, wanted[0]!, Math.min(PLAY_FRAMES, whole - wanted[0]!), checks);
  await before.close();
  const b50 = percentile(baseline, 0.5);
  console.log(`  baseline (one ffmpeg per frame): p50 ${ms(b50)} p95 ${ms(percentile(baseline, 0.95))}`);
  console.log(`${describeSteps('before the pack', fallback)} | ratio p50 ${(b50 / percentile(fallback.jump, 0.5)).toFixed(2)}×`);
  console.log(`  playback before the pack: ${playFallback.fps.toFixed(1)} fps, worst wait ${ms(playFallback.worstMs)}`);

  // 2. The pack: made as intake makes it (in the background, lowest priority, after any opened video's), then checked against the original.
  const packDir = path.join(cacheDir, 'pack');
  const maker = createFrameServer({ ...serverOptions(packDir), framePacks: true });
  let t = performance.now();
  const made = await maker.preparePackForLater(probe);
  const buildSeconds = (performance.now() - t) / 1000;
  await maker.close();
  const packBytes = (await fs.readdir(path.join(packDir, 'packs')).catch(() => [])).length > 0 ? await dirBytes(path.join(packDir, 'packs')) : 0;
  console.log(`  pack: ${made.state}${made.state === 'refused' ? ` (${made.reason})` : ''}, made and checked in ${buildSeconds.toFixed(1)} s (${(whole / buildSeconds).toFixed(0)} fps, ${((whole / 30) / buildSeconds).toFixed(2)}× real time), ${mb(packBytes)} (${(packBytes / size).toFixed(1)}× the video)`);

  // 3. With the pack: the video opened later, in a fresh server (memory cold) that finds the checked pack on disk.
  const after = createFrameServer({ ...serverOptions(packDir), framePacks: true });
  t = performance.now();
  const reopened = await after.preparePack(probe);
  console.log(`  opening the video later: pack ${reopened.state} in ${ms(performance.now() - t)} (checked when made; every frame read is checked against its CRC-32)`);
  // Packed frames are never prefetched, so memory holds only the frames asked for (N, N±1): every jump is cold.
  const packed = await jumpsWithSteps(after, probe, wanted, checks, () => undefined);
  const playPacked = await playback(after, probe, wanted[1]!, Math.min(PLAY_FRAMES, whole - wanted[1]!), checks);
  await after.close();
  const p50 = percentile(packed.jump, 0.5);
  console.log(`${describeSteps('with the pack', packed)} | ratio p50 ${(b50 / p50).toFixed(1)}×`);
  console.log(`  playback with the pack: ${playPacked.fps.toFixed(1)} fps, worst wait ${ms(playPacked.worstMs)}`);
  console.log(`  frames checked: ${checks.checked}, wrong: ${checks.wrong}`);

  const l = video.label;
  const ready = reopened.state === 'ready';
  goals.push({ name: `cold jump p50 ≥ 3× faster than one ffmpeg per frame, pack ready (${l})`, measured: `${ms(p50)}, ${(b50 / p50).toFixed(1)}× (baseline ${ms(b50)})`, target: '≥ 3×', pass: ready && b50 / p50 >= 3 });
  const back95 = percentile(packed.backward, 0.95);
  goals.push({ name: `backward step right after a jump p95, pack ready (${l})`, measured: ms(back95), target: '≤ 50 ms', pass: ready && back95 <= 50 });
  const fb95 = percentile(fallback.backward, 0.95);
  goals.push({ name: `backward step right after a jump p95, before the pack (${l})`, measured: ms(fb95), target: '≤ 50 ms', pass: fb95 <= 50 });
  goals.push({ name: `sustained playback before the pack (${l})`, measured: `${playFallback.fps.toFixed(1)} fps`, target: '≥ 30 fps', pass: playFallback.fps >= 30 });
  goals.push({ name: `sustained playback with the pack (${l})`, measured: `${playPacked.fps.toFixed(1)} fps`, target: '≥ 30 fps', pass: playPacked.fps >= 30 });
  goals.push({ name: `frames served exactly (${l})`, measured: `${checks.wrong} wrong of ${checks.checked}`, target: '0', pass: checks.wrong === 0 && checks.checked > 0 });

  if (video === videos.at(-1)) {
    for (const cap of [64 * 1024 * 1024, 512 * 1024 * 1024]) {
      const mem = await scrubInChild(video.file, cap, path.join(cacheDir, `scrub-${cap}`), SCRUB_STEP, SCRUB_PLAY);
      const peak = Math.max(mem.peakRss, mem.maxRssKb * 1024);
      const bound = mem.startRss + cap + FIXED_OVERHEAD;
      console.log(
        `  scrub before the pack (jump every ${SCRUB_STEP} frames, play ${SCRUB_PLAY}; cap ${mb(cap)}): ${mem.frames} frames decoded in ${mem.seconds.toFixed(1)} s, cache ${mb(mem.cacheBytes)}, RSS ${mb(mem.startRss)} → peak ${mb(peak)} (bound ${mb(bound)} = start + cap + ${mb(FIXED_OVERHEAD)})`,
      );
      goals.push({ name: `peak RSS scrubbing ${l}, cap ${mb(cap)}`, measured: mb(peak), target: `≤ ${mb(bound)}`, pass: peak <= bound && mem.cacheBytes <= cap });
    }
  }
}

async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  for (const name of await fs.readdir(dir)) total += (await fs.stat(path.join(dir, name))).size;
  return total;
}

const videos: BenchVideo[] = [];
for (const height of SIZES) videos.push(await photoPanVideo(Math.round((height * 16) / 9 / 2) * 2, height, SEGMENTS, log));
for (const video of videos) await benchOne(video);

printGoals(goals);
await fs.rm(workDir, { recursive: true, force: true });
