import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { resolveBinaries } from '../../native/video';
import { photoPanArgs } from '../../native/video/testSupport/photoPan';

const run = promisify(execFile);

/** Keyframe interval of the bench videos: 8 s at 30 fps, as cameras and phone exports often do. */
export const GOP = 240;
/** Frames in the encoded segment (two GOPs); the burned-in index is n mod this. */
export const SEGMENT_FRAMES = 480;

export interface BenchVideo {
  file: string;
  /** Width the index pattern was drawn at (= the video's width). */
  patternWidth: number;
  label: string;
}

/**
 * A video of `segments` × 16 s (so it ends on a seam of the loop, where
 * every frame is whole) panning over a real photograph with grain, frame
 * index burned in, x264 preset medium with 3 B-frames and 8 s keyframes
 * (testSupport/photoPan.ts). Medium 1080p encodes at ~15 fps here, so 16 s
 * are encoded once and looped by stream copy; kept in the temp folder
 * between runs.
 */
export async function photoPanVideo(width: number, height: number, segments: number, log: (line: string) => void): Promise<BenchVideo> {
  const seconds = (segments * SEGMENT_FRAMES) / 30;
  const dir = path.join(os.tmpdir(), 'groundwork-bench-video-pan');
  await fs.mkdir(dir, { recursive: true });
  const label = `${height}p`;
  const target = path.join(dir, `pan-${width}x${height}-${seconds}s-g${GOP}.mp4`);
  if (!(await exists(target))) {
    const { ffmpeg } = resolveBinaries();
    const segment = path.join(dir, `pan-${width}x${height}-segment.mp4`);
    const started = Date.now();
    log(`generating ${path.basename(target)} (one-time, cached in ${dir})…`);
    if (!(await exists(segment))) {
      const temp = `${segment}.tmp.mp4`;
      await run(ffmpeg, ['-v', 'error', '-y', ...photoPanArgs({ width, height, seconds: SEGMENT_FRAMES / 30, gop: GOP }), temp]);
      await fs.rename(temp, segment);
    }
    const temp = `${target}.tmp.mp4`;
    await run(ffmpeg, ['-v', 'error', '-y', '-stream_loop', '-1', '-i', segment, '-t', String(seconds), '-c', 'copy', temp]);
    await fs.rename(temp, target);
    log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return { file: target, patternWidth: width, label };
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}
