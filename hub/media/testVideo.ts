import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, constants, accessSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * Real video bytes for hub tests, made at test time by the bundled ffmpeg
 * (the repo holds no binaries): x264 at preset medium with B-frames, as a
 * camera or an editor would write them, and its frame count and rate read
 * back with the bundled ffprobe, as a requester's workstation publishes them.
 */
export interface TestVideo {
  bytes: Buffer;
  sha256: string;
  width: number;
  height: number;
  frameCount: number;
  fps: number;
}

const run = promisify(execFile);
const require = createRequire(import.meta.url);

function binary(pkg: string): string {
  const p = (require(pkg) as { path: string }).path;
  try {
    accessSync(p, constants.X_OK);
  } catch {
    // npm may skip the installers' postinstall chmod.
    chmodSync(p, 0o755);
  }
  return p;
}

export async function makeTestVideo(opts: { width?: number; height?: number; fps?: number; seconds?: number; noise?: boolean } = {}): Promise<TestVideo> {
  const { width = 320, height = 240, fps = 30, seconds = 2 } = opts;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-video-'));
  try {
    const file = path.join(dir, 'clip.mp4');
    // Noise makes the clip as large as real footage (a flat test pattern compresses to almost nothing).
    const source = `testsrc2=s=${width}x${height}:r=${fps}:d=${seconds}${opts.noise ? ',noise=alls=40:allf=t' : ''}`;
    await run(binary('@ffmpeg-installer/ffmpeg'), [
      '-y', '-v', 'error', '-f', 'lavfi', '-i', source,
      '-c:v', 'libx264', '-preset', 'medium', '-bf', '3', '-g', String(fps), '-pix_fmt', 'yuv420p', '-movflags', '+faststart', file,
    ]);
    const { stdout } = await run(binary('@ffprobe-installer/ffprobe'), [
      '-v', 'error', '-select_streams', 'v:0', '-count_frames', '-show_entries', 'stream=nb_read_frames,r_frame_rate,has_b_frames', '-of', 'json', file,
    ]);
    const stream = (JSON.parse(stdout) as { streams: { nb_read_frames: string; r_frame_rate: string; has_b_frames: number }[] }).streams[0]!;
    if (!(stream.has_b_frames > 0)) throw new Error('the test clip was meant to have B-frames');
    const [num, den] = stream.r_frame_rate.split('/').map(Number) as [number, number];
    const bytes = readFileSync(file);
    return { bytes, sha256: createHash('sha256').update(bytes).digest('hex'), width, height, frameCount: Number(stream.nb_read_frames), fps: num / den };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
