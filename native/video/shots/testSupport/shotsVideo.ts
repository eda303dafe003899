import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { resolveBinaries } from '../../process/binaries';
import { REAL_PHOTOS } from '../../testSupport/realPhotos';
import { planVideo, PHOTO_SIZE, type FramePlan, type PhotoName, type ShotSpec, type TrueBoundary, type VideoSpec } from './shotsVideoSpec';
import { madeOnce } from '../../../../core/util/madeOnce';

/**
 * Renders a VideoSpec from real photographs (apg-js's guide: the Point Lobos
 * panorama, pack ice, a green hill) and encodes it as real footage is:
 * libx264 preset medium, B-frames, a keyframe every 8 s (x264's own scene-cut
 * keyframes left on), yuv420p. Cached in the temp folder under a hash of the
 * spec and this generator's code, so benches and tests make it once.
 */
export interface ShotsVideo {
  path: string;
  spec: VideoSpec;
  frameCount: number;
  boundaries: TrueBoundary[];
}

/** Photographs are upscaled this much before windows are cut, so slow moves step by a quarter photo pixel. */
const SUPERSAMPLE = 4;

const HILL = () => path.join(path.dirname(REAL_PHOTOS.ice()), 'headerphoto.jpg');
const PHOTO_FILE: Record<PhotoName, () => string> = { pointLobos: REAL_PHOTOS.pointLobos, ice: REAL_PHOTOS.ice, hill: HILL };

export const shotsVideo: (spec: VideoSpec) => Promise<ShotsVideo> = madeOnce(makeVideo, JSON.stringify);

async function makeVideo(spec: VideoSpec): Promise<ShotsVideo> {
  const { frames, boundaries } = planVideo(spec);
  const hash = createHash('sha1').update(JSON.stringify(spec) + planVideo.toString() + renderFrame.toString() + encodeArgs(spec).join(' ')).digest('hex').slice(0, 12);
  const file = path.join(os.tmpdir(), 'groundwork-shots-videos', `${spec.name}-${spec.width}x${spec.height}-${hash}.mp4`);
  try {
    await fs.access(file);
  } catch {
    await fs.mkdir(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp.mp4`;
    try {
      await encode(renderAll(spec, frames), spec, temp);
      await fs.rename(temp, file);
    } finally {
      await fs.rm(temp, { force: true });
    }
  }
  return { path: file, spec, frameCount: frames.length, boundaries };
}

interface LoadedPhoto {
  data: Buffer;
  width: number;
  height: number;
}

async function loadPhoto(name: PhotoName, flop: boolean): Promise<LoadedPhoto> {
  const { width, height } = PHOTO_SIZE[name];
  let image = sharp(PHOTO_FILE[name]()).resize(width * SUPERSAMPLE, height * SUPERSAMPLE, { kernel: 'cubic' });
  if (flop) image = image.flop();
  const data = await image.removeAlpha().raw().toBuffer();
  return { data, width: width * SUPERSAMPLE, height: height * SUPERSAMPLE };
}

async function* renderAll(spec: VideoSpec, plan: FramePlan[]): AsyncGenerator<Buffer> {
  const photos = new Map<string, Promise<LoadedPhoto>>();
  const photo = (shot: ShotSpec) => {
    const key = `${shot.photo}:${shot.flop === true}`;
    if (!photos.has(key)) photos.set(key, loadPhoto(shot.photo, shot.flop === true));
    return photos.get(key)!;
  };
  for (const frame of plan) yield await renderFrame(spec, frame, photo);
}

/** One output frame: each layer's window cut from its photograph, lit, weighted and summed. */
async function renderFrame(spec: VideoSpec, frame: FramePlan, photo: (shot: ShotSpec) => Promise<LoadedPhoto>): Promise<Buffer> {
  const { width, height } = spec;
  const sum = new Float32Array(width * height * 3);
  for (const [shotIndex, f, weight] of frame.layers) {
    const shot = spec.shots[shotIndex]!;
    const source = await photo(shot);
    const t = shot.frames > 1 ? f / (shot.frames - 1) : 0;
    const w = (shot.from.w + (shot.to.w - shot.from.w) * t) * SUPERSAMPLE;
    const h = (w * height) / width;
    const left = Math.min(source.width - Math.round(w), Math.max(0, Math.round((shot.from.x + (shot.to.x - shot.from.x) * t) * SUPERSAMPLE)));
    const top = Math.min(source.height - Math.round(h), Math.max(0, Math.round((shot.from.y + (shot.to.y - shot.from.y) * t) * SUPERSAMPLE)));
    const pixels = await sharp(source.data, { raw: { width: source.width, height: source.height, channels: 3 } })
      .extract({ left, top, width: Math.round(w), height: Math.round(h) })
      .resize(width, height, { fit: 'fill' })
      .raw()
      .toBuffer();
    const light = lightAt(shot, f);
    for (let i = 0; i < sum.length; i++) sum[i]! += weight * Math.min(255, pixels[i]! * light.gain + light.add);
  }
  return Buffer.from(Uint8ClampedArray.from(sum));
}

/** Exposure ramp as a gain; a flash adds light (more on its first frame) and saturates the highlights. */
function lightAt(shot: ShotSpec, f: number): { gain: number; add: number } {
  let gain = 1;
  const e = shot.exposure;
  if (e) gain = f <= e.start ? 1 : f >= e.end ? e.gain : 1 + ((e.gain - 1) * (f - e.start)) / (e.end - e.start);
  let add = 0;
  for (const at of shot.flashes ?? []) {
    if (f === at) add = 140;
    else if (f === at + 1) add = 70;
  }
  return { gain: gain * (add > 0 ? 1.3 : 1), add };
}

function encodeArgs(spec: VideoSpec): string[] {
  return [
    '-v', 'error', '-y',
    '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${spec.width}x${spec.height}`, '-r', String(spec.fps), '-i', 'pipe:0',
    '-c:v', 'libx264', '-preset', 'medium', '-bf', '3', '-g', String(8 * spec.fps), '-pix_fmt', 'yuv420p', '-movflags', '+faststart',
  ];
}

async function encode(frames: AsyncGenerator<Buffer>, spec: VideoSpec, out: string): Promise<void> {
  const child = spawn(resolveBinaries().ffmpeg, [...encodeArgs(spec), out], { stdio: ['pipe', 'ignore', 'pipe'], windowsHide: true });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (t: string) => (stderr += t));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  for await (const frame of frames) {
    if (!child.stdin.write(frame)) await new Promise((resolve) => child.stdin.once('drain', resolve));
  }
  child.stdin.end();
  const code = await exited;
  if (code !== 0) throw new Error(`encoding ${spec.name} failed (exit ${code}): ${stderr.trim()}`);
}
