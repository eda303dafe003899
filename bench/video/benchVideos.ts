import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { resolveBinaries } from '../../native/video';
import { indexPatternFilter } from '../../native/video/testSupport/indexPattern';

const run = promisify(execFile);

/** Frames in the encoded 48 s segment: a multiple of both GOP sizes, so looping keeps GOPs aligned. */
export const SEGMENT_FRAMES = 1440;
export const PATTERN_WIDTH = 1280;

/**
 * A 10-minute 1280×720 30 fps H.264 video with a fixed keyframe interval and
 * the frame index burned in (as n mod 1440). Encoding 10 minutes directly
 * takes 3–5 min here, so 48 s are encoded once and looped with stream copy.
 * Kept in the temp folder between runs.
 */
export async function tenMinuteVideo(keyframeInterval: number, log: (line: string) => void): Promise<string> {
  const dir = path.join(os.tmpdir(), 'groundwork-bench-video');
  await fs.mkdir(dir, { recursive: true });
  const target = path.join(dir, `720p-10min-k${keyframeInterval}.mp4`);
  if (await exists(target)) return target;
  const { ffmpeg } = resolveBinaries();
  const segment = path.join(dir, `seg48-k${keyframeInterval}.mp4`);
  const started = Date.now();
  log(`generating ${path.basename(target)} (one-time, cached in ${dir})…`);
  await run(ffmpeg, [
    '-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=1280x720:r=30:d=48', '-vf', indexPatternFilter(PATTERN_WIDTH),
    '-c:v', 'libx264', '-preset', 'ultrafast', '-g', String(keyframeInterval), '-keyint_min', String(keyframeInterval), '-sc_threshold', '0', '-pix_fmt', 'yuv420p', segment,
  ]);
  const temp = `${target}.tmp.mp4`;
  await run(ffmpeg, ['-v', 'error', '-y', '-stream_loop', '-1', '-i', segment, '-t', '600', '-c', 'copy', temp]);
  await fs.rename(temp, target);
  await fs.rm(segment);
  log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return target;
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}
