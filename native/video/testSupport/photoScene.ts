import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp, { type OverlayOptions } from 'sharp';
import type { Box } from '../../../core/model/shape';
import { resolveBinaries } from '../process/binaries';
import { REAL_PHOTOS } from './realPhotos';
import { madeOnce } from '../../../core/util/madeOnce';

/**
 * Videos with known motion made from real photographs: a patch of rock cut
 * from the Point Lobos panorama moves over the surf and trees of the same
 * panorama (a different part of it), grows, and passes behind a pillar cut
 * from a photo of ice. Every frame's ground-truth box is known by
 * construction. Encoded as in the real world: libx264 preset medium with
 * B-frames, yuv420p.
 *
 * - `occluded`: the object crosses the frame and the pillar hides part of it
 *   (its upper part) for a while; it stays visible to the end.
 * - `vanishing`: the object moves into a wide wall of ice and stays behind
 *   it: it is fully hidden from some frame on (truth null there).
 * - `leaving`: the object moves out of the picture on the right (no
 *   occluder): truth is the part inside the picture, null once it is out.
 */
export type PhotoSceneKind = 'occluded' | 'vanishing' | 'leaving';

export interface PhotoSceneSpec {
  kind: PhotoSceneKind;
  width: number;
  height: number;
  frames: number;
}

export interface PhotoScene {
  path: string;
  spec: PhotoSceneSpec;
  /** Per frame: the object's box, or null when none of it is visible. */
  truth: (Box | null)[];
  /** Per frame: the share of the object's box not hidden by the occluder, 0…1. */
  visible: number[];
  /** The occluder's rectangle. */
  occluder: Box;
}

const FPS = 30;
/** Crop of the panorama used as the object (original pixels): a sunlit rock face. */
const OBJECT_CROP = { left: 880, top: 30, width: 200, height: 170 };
/** Crop of the panorama used as the background: the left third (tree, surf, rocks). */
const BACKGROUND_CROP = { left: 0, top: 0, width: 444, height: 250 };

/** The scene's geometry for frame f, as pure arithmetic (this is the ground truth). */
export function sceneLayout(spec: PhotoSceneSpec): { boxes: Box[]; occluder: Box } {
  const { width: W, height: H, frames, kind } = spec;
  const baseW = Math.round(W * 0.14);
  const baseH = Math.round((baseW * OBJECT_CROP.height) / OBJECT_CROP.width);
  const boxes: Box[] = [];
  for (let f = 0; f < frames; f++) {
    const t = frames > 1 ? f / (frames - 1) : 0;
    const scale = 1 + 0.35 * t;
    const w = Math.round(baseW * scale);
    const h = Math.round(baseH * scale);
    const cx = kind === 'occluded' ? W * (0.18 + 0.6 * t) : kind === 'leaving' ? W * (0.3 + 1.1 * t) : W * (0.2 + 0.55 * Math.min(1, t * 1.25));
    const cy = H * (0.5 + 0.12 * Math.sin(2 * Math.PI * t));
    boxes.push({ x: Math.round(cx - w / 2), y: Math.round(cy - h / 2), w, h });
  }
  let occluder: Box;
  if (kind === 'occluded') {
    // A pillar from the top down to a third of the object's height where the object passes under it:
    // it hides up to ~25 % of the object for a second or two, which a tracker must bridge.
    const pillar = { x: Math.round(W * 0.5), w: Math.round(W * 0.12) };
    const crossing = boxes.reduce((a, b) => (Math.abs(b.x + b.w / 2 - (pillar.x + pillar.w / 2)) < Math.abs(a.x + a.w / 2 - (pillar.x + pillar.w / 2)) ? b : a));
    occluder = { ...pillar, y: 0, h: Math.round(crossing.y + crossing.h / 3) };
  } else if (kind === 'leaving') {
    // Nothing in the way: a zero-size occluder.
    occluder = { x: 0, y: 0, w: 0, h: 0 };
  } else {
    // A wall wider and taller than the object, which it enters and stays behind.
    occluder = { x: Math.round(W * 0.62), y: Math.round(H * 0.15), w: Math.round(W * 0.3), h: Math.round(H * 0.75) };
  }
  return { boxes, occluder };
}

/** The share of `box` that lies in `area`. */
function overlapShare(box: Box, area: Box): number {
  const ix = Math.max(0, Math.min(box.x + box.w, area.x + area.w) - Math.max(box.x, area.x));
  const iy = Math.max(0, Math.min(box.y + box.h, area.y + area.h) - Math.max(box.y, area.y));
  return (ix * iy) / (box.w * box.h);
}

function clip(box: Box, area: Box): Box {
  const x = Math.max(box.x, area.x);
  const y = Math.max(box.y, area.y);
  return { x, y, w: Math.min(box.x + box.w, area.x + area.w) - x, h: Math.min(box.y + box.h, area.y + area.h) - y };
}

/** Names a scene: every field of its spec (the cache below and the video's file name). */
const key = (spec: PhotoSceneSpec) => `${spec.kind}:${spec.width}x${spec.height}:${spec.frames}`;

/** The scene's video (made once, cached in the temp folder by a hash of the spec and this generator) and its truth. */
export const photoScene: (spec: PhotoSceneSpec) => Promise<PhotoScene> = madeOnce(makeScene, key);

async function makeScene(spec: PhotoSceneSpec): Promise<PhotoScene> {
  const { boxes, occluder } = sceneLayout(spec);
  const frame = { x: 0, y: 0, w: spec.width, h: spec.height };
  // The occluders lie inside the picture, so what shows is what is inside it minus what is under the occluder.
  const visible = boxes.map((b) => overlapShare(b, frame) - overlapShare(b, occluder));
  const truth = boxes.map((b, i) => (visible[i]! > 0 ? clip(b, frame) : null));
  const hash = createHash('sha1').update(key(spec) + sceneLayout.toString() + renderFrames.toString() + encodeArgs(spec).join(' ')).digest('hex').slice(0, 12);
  const file = path.join(os.tmpdir(), 'groundwork-photo-scenes', `${spec.kind}-${spec.width}x${spec.height}-${spec.frames}-${hash}.mp4`);
  try {
    await fs.access(file);
  } catch {
    await fs.mkdir(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp.mp4`;
    await encode(renderFrames(spec, boxes, occluder), spec, temp);
    await fs.rename(temp, file);
  }
  return { path: file, spec, truth, visible, occluder };
}

/** RGB frames: background, object (resized to its box), occluder on top. */
async function* renderFrames(spec: PhotoSceneSpec, boxes: Box[], occluder: Box): AsyncGenerator<Buffer> {
  const { width, height } = spec;
  const background = await sharp(REAL_PHOTOS.pointLobos()).extract(BACKGROUND_CROP).resize(width, height, { fit: 'fill' }).removeAlpha().raw().toBuffer();
  const object = sharp(REAL_PHOTOS.pointLobos()).extract(OBJECT_CROP);
  const objectPng = await object.png().toBuffer();
  const wall = occluder.w > 0 ? await sharp(REAL_PHOTOS.ice()).resize(occluder.w, occluder.h, { fit: 'cover' }).removeAlpha().png().toBuffer() : Buffer.alloc(0);
  const raw = { width, height, channels: 3 as const };
  for (const box of boxes) {
    // Only the part inside the picture is drawn (an object leaving the picture is cut by its edge).
    const shown = clip(box, { x: 0, y: 0, w: width, h: height });
    const layers: OverlayOptions[] = [];
    if (shown.w > 0 && shown.h > 0) {
      const whole = await sharp(objectPng).resize(box.w, box.h, { fit: 'fill' }).png().toBuffer();
      const part = await sharp(whole).extract({ left: shown.x - box.x, top: shown.y - box.y, width: shown.w, height: shown.h }).png().toBuffer();
      layers.push({ input: part, left: shown.x, top: shown.y });
    }
    if (occluder.w > 0) layers.push({ input: wall, left: occluder.x, top: occluder.y });
    yield sharp(background, { raw })
      .composite(layers)
      .removeAlpha()
      .raw()
      .toBuffer();
  }
}

function encodeArgs(spec: PhotoSceneSpec): string[] {
  return [
    '-v', 'error', '-y',
    '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${spec.width}x${spec.height}`, '-r', String(FPS), '-i', 'pipe:0',
    // The real-world encode: preset medium, B-frames, a keyframe every 2 s.
    '-c:v', 'libx264', '-preset', 'medium', '-bf', '3', '-g', String(2 * FPS), '-pix_fmt', 'yuv420p',
  ];
}

async function encode(frames: AsyncGenerator<Buffer>, spec: PhotoSceneSpec, out: string): Promise<void> {
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
  if (code !== 0) throw new Error(`encoding the photo scene failed (exit ${code}): ${stderr.trim()}`);
}
