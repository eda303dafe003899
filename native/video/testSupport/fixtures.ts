import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { resolveBinaries } from '../process/binaries';
import { indexPatternFilter } from './indexPattern';
import { photoPanArgs } from './photoPan';
import { madeOnce } from '../../../core/util/madeOnce';

const run = promisify(execFile);

/** Small test videos made with the bundled ffmpeg, each in well under a second. Pattern width 320. */
export const PATTERN_WIDTH = 320;
const pattern = indexPatternFilter(PATTERN_WIDTH);
const x264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'];

export type FixtureName =
  | 'cfr' | 'bframes' | 'vfr' | 'rotated' | 'short' | 'twoShots' | 'corrupt' | 'fourSeconds'
  | 'truncated' | 'truncatedFaststart' | 'audioOnly' | 'zeroFrames' | 'notVideo' | 'photoPan';

type Recipe = (out: string, make: (name: FixtureName) => Promise<string>) => Promise<void>;

const recipes: Record<FixtureName, Recipe> = {
  /** 300 frames, 30 fps CFR, keyframe every 60, index pattern. */
  cfr: (out) => ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=30:d=10', '-vf', pattern, ...x264, '-g', '60', '-keyint_min', '60', '-sc_threshold', '0', out]),
  /** 120 frames with B-frames (decode order ≠ presentation order), keyframe every 30. */
  bframes: (out) => ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=30:d=4', '-vf', pattern, '-c:v', 'libx264', '-preset', 'veryfast', '-bf', '3', '-pix_fmt', 'yuv420p', '-g', '30', out]),
  /** Frames 0–59 every 1/30 s, 60–119 every 2/30 s. */
  vfr: (out) =>
    ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=30:d=4', '-vf', `${pattern},setpts='if(lt(N,60),N/30/TB,(60+(N-60)*2)/30/TB)'`, '-vsync', 'vfr', ...x264, '-g', '30', out]),
  /** The cfr video remuxed with a rotate tag (the tag only sticks on a stream-copy remux). */
  rotated: async (out, make) => ffmpeg(['-i', await make('short'), '-c', 'copy', '-metadata:s:v:0', 'rotate=90', out]),
  /** 60 frames, pattern, for rotation and quick checks. */
  short: (out) => ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=30:d=2', '-vf', pattern, ...x264, '-g', '30', out]),
  /** Two shots of 60 frames each, cut at frame 60. */
  twoShots: (out) =>
    ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=30:d=2', '-f', 'lavfi', '-i', 'smptehdbars=s=320x240:r=30:d=2', '-filter_complex', '[0:v][1:v]concat=n=2:v=1[v]', '-map', '[v]', ...x264, '-g', '30', out]),
  /** The 4 s pattern video with packets 44–46 overwritten: the decoder drops frames around them. */
  corrupt: async (out, make) => {
    const source = await make('fourSeconds');
    const { ffprobe } = resolveBinaries();
    const { stdout } = await run(ffprobe, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pos,size', '-of', 'csv=p=0', source]);
    const packets = stdout.trim().split('\n').map((l) => l.split(',').map(Number) as [number, number]);
    const bytes = await fs.readFile(source);
    for (const [size, pos] of packets.slice(44, 47)) bytes.fill(0xff, pos, pos + size);
    await fs.writeFile(out, bytes);
  },
  /** 120 frames, pattern, keyframe every 30 (source of the damaged variants). */
  fourSeconds: (out) => ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=30:d=4', '-vf', pattern, ...x264, '-g', '30', out]),
  /** moov at the end, file cut in half: the MP4 lost its index. */
  truncated: async (out, make) => {
    const bytes = await fs.readFile(await make('fourSeconds'));
    await fs.writeFile(out, bytes.subarray(0, bytes.length >> 1));
  },
  /** moov first (+faststart), file cut in half: probes, but only the first frames are there. */
  truncatedFaststart: async (out) => {
    const whole = `${out}.whole.mp4`;
    await ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=30:d=4', '-vf', pattern, ...x264, '-g', '30', '-movflags', '+faststart', whole]);
    const bytes = await fs.readFile(whole);
    await fs.writeFile(out, bytes.subarray(0, bytes.length >> 1));
  },
  /** 180 frames panning over a real photograph, x264 medium with 3 B-frames, keyframe every 120 (4 s): real-world decoding. */
  photoPan: (out) => ffmpeg([...photoPanArgs({ width: 320, height: 240, seconds: 6, gop: 120 }), out]),
  audioOnly: (out) => ffmpeg(['-f', 'lavfi', '-i', 'sine=f=440:d=1', '-c:a', 'aac', out]),
  zeroFrames: (out) => ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=30:d=1', '-frames:v', '0', ...x264, out]),
  notVideo: (out) => fs.writeFile(out, 'hello, this is text\n'),
};

const extension: Partial<Record<FixtureName, string>> = { audioOnly: '.m4a' };
/**
 * The path of a generated fixture, made once and reused (also across runs:
 * the folder name hashes the recipes, so a changed recipe gets a fresh folder).
 */
export const fixture: (name: FixtureName) => Promise<string> = madeOnce(makeFixture);

async function makeFixture(name: FixtureName): Promise<string> {
  const target = path.join(fixtureDir(), `${name}${extension[name] ?? '.mp4'}`);
  try {
    await fs.access(target);
    return target;
  } catch {
    // not made yet
  }
  await fs.mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}.tmp${extension[name] ?? '.mp4'}`;
  await recipes[name](temp, fixture);
  await fs.rename(temp, target);
  return target;
}

function fixtureDir(): string {
  const recipeHash = createHash('sha1').update(Object.values(recipes).map(String).join('\n') + pattern + photoPanArgs.toString()).digest('hex').slice(0, 12);
  return path.join(os.tmpdir(), `groundwork-video-fixtures-${recipeHash}`);
}

async function ffmpeg(args: string[]): Promise<void> {
  await run(resolveBinaries().ffmpeg, ['-v', 'error', '-y', ...args]);
}

/** A fresh empty folder for caches. */
export async function tempCacheDir(label: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), `groundwork-video-${label}-`));
}
