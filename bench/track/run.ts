/**
 * npm run bench:track — the visual tracker (MOSSE, no detector) on a 720p
 * video made from real photographs with known motion (a rock cut from a
 * photo moves over a real coastline, grows 35 %, passes under a pillar of
 * ice that hides up to ~30 % of it; libx264 medium with B-frames), against
 * baselines measured in the same run: the box that stays where it was
 * drawn, and full-search template matching. Prints mean and median IoU
 * against the ground truth, frames per second on one core (the tracker's
 * own time per frame, frames decoded beforehand; decode speed is printed
 * beside it), and a Goals block.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { iou } from '../../core/geometry/box';
import type { Box } from '../../core/model/shape';
import { BoxFollower, type GrayImage } from '../../native/tracking';
import { probeVideo, readGrayFrames, type GrayFrame } from '../../native/video';
import { photoScene } from '../../native/video/testSupport/photoScene';
import { TemplateMatcher } from './templateMatch';

const FRAMES = 180;
const RUNS = 3;

interface Goal {
  name: string;
  measured: string;
  baseline: string;
  target: string;
  pass: boolean;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

console.log(`bench:track — ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
let t = performance.now();
const scene = await photoScene({ kind: 'occluded', width: 1280, height: 720, frames: FRAMES });
console.log(`scene: ${scene.path} (${((performance.now() - t) / 1000).toFixed(1)} s to make or find), ${FRAMES} frames 1280×720, least visible share ${Math.min(...scene.visible).toFixed(2)}`);

const probe = await probeVideo(scene.path);
t = performance.now();
const frames: GrayFrame[] = [];
for await (const frame of readGrayFrames(probe, { start: 0, end: FRAMES - 1 })) frames.push(frame);
const decodeFps = frames.length / ((performance.now() - t) / 1000);
console.log(`decoded ${frames.length} gray frames in one ffmpeg process: ${decodeFps.toFixed(0)} fps`);
if (frames.length !== FRAMES) throw new Error(`expected ${FRAMES} frames, got ${frames.length}`);

/** One pass of a tracker over the frames: IoU per frame (0 after it gave up) and ms per frame. */
function measure(start: (first: GrayImage, box: Box) => (image: GrayImage) => Box | null): { ious: number[]; ms: number[] } {
  const step = start(frames[0]!, scene.truth[0]!);
  const ious: number[] = [];
  const ms: number[] = [];
  let lost = false;
  for (const frame of frames.slice(1)) {
    const began = performance.now();
    const box = lost ? null : step(frame);
    if (!lost) ms.push(performance.now() - began);
    if (!box) lost = true;
    ious.push(box ? iou(box, scene.truth[frame.frame]!) : 0);
  }
  return { ious, ms };
}

const trackers = {
  'MOSSE (ours)': (first: GrayImage, box: Box) => {
    const follower = new BoxFollower('rock', 0, first, box);
    let frame = 0;
    return (image: GrayImage) => {
      if (follower.ended) return null;
      const step = follower.push(++frame, image);
      return follower.ended ? null : step.box;
    };
  },
  'template matching': (first: GrayImage, box: Box) => {
    const matcher = new TemplateMatcher(first, box);
    return (image: GrayImage) => matcher.update(image);
  },
  'box stays where drawn': (_first: GrayImage, box: Box) => () => box,
};

const results: Record<string, { meanIoU: number; medianIoU: number; fps: number; medianMs: number }> = {};
for (const [name, start] of Object.entries(trackers)) {
  const runs = Array.from({ length: RUNS }, () => measure(start));
  const { ious } = runs[0]!;
  // Speed: the median over runs of each run's frames per second (total time), and the median time of one frame.
  const fps = median(runs.map((r) => r.ms.length / (r.ms.reduce((a, b) => a + b, 0) / 1000)));
  const medianMs = median(runs.flatMap((r) => r.ms));
  results[name] = { meanIoU: mean(ious), medianIoU: median(ious), fps, medianMs };
  const occluded = ious.filter((_, i) => scene.visible[i + 1]! < 0.95);
  console.log(
    `${name.padEnd(22)} IoU mean ${mean(ious).toFixed(3)} median ${median(ious).toFixed(3)} (under the pillar ${mean(occluded).toFixed(3)}, last frame ${ious.at(-1)!.toFixed(3)}) | ${medianMs < 0.001 ? 'no work per frame' : `${fps.toFixed(0)} fps, median ${medianMs.toFixed(2)} ms/frame`}`,
  );
}

const ours = results['MOSSE (ours)']!;
const matching = results['template matching']!;
const still = results['box stays where drawn']!;
const goals: Goal[] = [
  { name: `mean IoU over ${FRAMES - 1} frames`, measured: ours.meanIoU.toFixed(3), baseline: `template matching ${matching.meanIoU.toFixed(3)}, box stays ${still.meanIoU.toFixed(3)}`, target: '≥ 0.7', pass: ours.meanIoU >= 0.7 },
  { name: 'frames per second at 720p, one core', measured: `${ours.fps.toFixed(0)} fps (median ${ours.medianMs.toFixed(2)} ms/frame)`, baseline: `template matching ${matching.fps.toFixed(0)} fps`, target: '≥ 100', pass: ours.fps >= 100 },
];
console.log('\nGoals');
for (const g of goals) console.log(`  ${g.pass ? 'PASS' : 'MISS'} ${g.name}: ${g.measured} (baseline ${g.baseline}) (goal ${g.target})`);
