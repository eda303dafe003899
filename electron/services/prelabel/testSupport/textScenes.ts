// Scenes for the auto-accept proof: real photographs (apg-js's guide, see
// realPhotos.ts) as backgrounds with lines of text drawn over them at known
// places, then degraded as cameras and uploads degrade images. The text's
// drawn ink is the ground truth a text detector's boxes are judged against.
import sharp from 'sharp';
import type { Box } from '../../../../core/model/shape';
import type { Random } from '../../../../native/inference/testSupport/seededRandom';
import { realPhotoPath, REAL_PHOTOS, type RealPhotoName } from './realPhotos';
import { madeOnce } from '../../../../core/util/madeOnce';

export const SCENE_W = 640;
export const SCENE_H = 360;

const BACKGROUNDS: RealPhotoName[] = ['PointLobosCropped.jpg', 'horiz.jpg'];
const FONTS = ['DejaVu Sans', 'DejaVu Serif', 'DejaVu Sans Mono', 'Liberation Sans', 'Liberation Serif'];
const WORDS = [
  'Point Lobos', 'STATE RESERVE', 'Trail closed', 'Parking', 'EXIT 17', 'Monterey CA 93923', 'keep out', 'FRAGILE', 'Total 42.50',
  'Groundwork', 'No. 2024-117', 'cliff edge', 'Whalers Cove', 'open 8 am', 'ICE', 'danger', 'Sea Lion Point', 'Bird Island', 'invoice',
  'tide pools', 'DO NOT ENTER', 'km 3.5', 'Cypress Grove', 'Lot B',
];

export interface TextScene {
  /** JPEG bytes as a camera or upload would hand them over. */
  jpeg: Buffer;
  /** Where each drawn line's ink is (image pixels). */
  truth: Box[];
}

interface Line {
  text: string;
  x: number;
  y: number;
  size: number;
  font: string;
  fill: string;
  opacity: number;
  angle: number;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function lineSvg(l: Line): string {
  const cx = l.x + (l.text.length * l.size * 0.3);
  return `<text x="${l.x}" y="${l.y}" font-family="${l.font}" font-size="${l.size}" fill="${l.fill}" fill-opacity="${l.opacity}" transform="rotate(${l.angle} ${cx} ${l.y})">${esc(l.text)}</text>`;
}

const svg = (body: string) => Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${SCENE_W}" height="${SCENE_H}">${body}</svg>`);

/**
 * Where each line's ink is: all lines drawn once on a transparent canvas, each
 * in its own colour (the red channel is the line's index + 1), and the bounds
 * of each colour's visible pixels taken. Lines lie in separate bands, so no
 * two inks touch.
 */
async function inkBoxes(lines: Line[]): Promise<(Box | null)[]> {
  const body = lines.map((l, i) => lineSvg({ ...l, fill: `rgb(${50 * (i + 1)},0,0)`, opacity: 1 })).join('');
  const { data } = await sharp(svg(body)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const bounds = lines.map(() => ({ x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity }));
  for (let y = 0; y < SCENE_H; y++) {
    for (let x = 0; x < SCENE_W; x++) {
      const o = (y * SCENE_W + x) * 4;
      // Visible ink, as sharp's trim counts it (alpha above 10 of 255).
      if (data[o + 3]! <= 10) continue;
      const b = bounds[Math.round(data[o]! / 50) - 1];
      if (!b) continue;
      b.x0 = Math.min(b.x0, x);
      b.y0 = Math.min(b.y0, y);
      b.x1 = Math.max(b.x1, x + 1);
      b.y1 = Math.max(b.y1, y + 1);
    }
  }
  return bounds.map((b) => (b.x1 > b.x0 ? { x: b.x0, y: b.y0, w: b.x1 - b.x0, h: b.y1 - b.y0 } : null));
}

function grey(r: Random): string {
  const kind = r.int(0, 2);
  const v = kind === 0 ? r.int(0, 60) : kind === 1 ? r.int(195, 255) : r.int(80, 175);
  return `rgb(${v},${v},${v})`;
}

function randomLines(r: Random): Line[] {
  const bands = [0, 1, 2, 3, 4].filter(() => r.chance(0.85));
  const bandH = SCENE_H / 5;
  return bands.map((band) => {
    const text = r.pick(WORDS);
    const size = Math.min(r.int(12, 40), Math.floor(560 / (text.length * 0.62)));
    const width = text.length * size * 0.62;
    // Tilted at most so far that the line stays in its band.
    const maxAngle = Math.min(14, Math.floor((Math.asin(Math.min(1, (bandH - size) / width)) * 180) / Math.PI));
    return {
      text,
      size,
      font: r.pick(FONTS),
      x: Math.round(8 + r.next() * Math.max(0, SCENE_W - 16 - width)),
      y: Math.round(band * bandH + bandH / 2 + size / 3),
      fill: r.chance(0.25) ? `rgb(${r.int(0, 255)},${r.int(0, 255)},${r.int(0, 255)})` : grey(r),
      opacity: r.chance(0.6) ? 1 : 0.3 + 0.7 * r.next(),
      angle: r.chance(0.3) && maxAngle >= 2 ? (r.chance(0.5) ? -1 : 1) * r.int(2, maxAngle) : 0,
    };
  });
}

const raw = (width: number, height: number) => ({ raw: { width, height, channels: 3 as const } });
const photoPixels = madeOnce((name: RealPhotoName) => sharp(realPhotoPath(name)).removeAlpha().raw().toBuffer());

/** A crop of one of the photographs, scaled to the scene (raw RGB). */
async function background(r: Random): Promise<Buffer> {
  const name = r.pick(BACKGROUNDS);
  const { width, height } = REAL_PHOTOS[name];
  const cropW = Math.round((height * SCENE_W) / SCENE_H);
  const left = r.int(0, width - cropW);
  const flop = r.chance(0.5);
  let img = sharp(await photoPixels(name), raw(width, height)).extract({ left, top: 0, width: cropW, height }).resize(SCENE_W, SCENE_H);
  if (flop) img = img.flop();
  return img.raw().toBuffer();
}

/** One scene: photo, text, then blur, a lower resolution and JPEG compression at random strengths. */
export async function makeTextScene(r: Random): Promise<TextScene> {
  const lines = randomLines(r);
  const bg = await background(r);
  const blur = r.chance(0.5) ? 0.4 + 2 * r.next() : 0;
  const scale = 0.35 + 0.65 * r.next();
  const quality = r.int(8, 85);
  const [boxes, drawn] = await Promise.all([
    inkBoxes(lines),
    sharp(bg, raw(SCENE_W, SCENE_H)).composite([{ input: svg(lines.map(lineSvg).join('')), top: 0, left: 0 }]).removeAlpha().raw().toBuffer(),
  ]);
  let degraded = sharp(drawn, raw(SCENE_W, SCENE_H));
  if (blur > 0) degraded = degraded.blur(blur);
  const [w, h] = [Math.round(SCENE_W * scale), Math.round(SCENE_H * scale)];
  const small = await degraded.resize(w, h).raw().toBuffer();
  const jpeg = await sharp(small, raw(w, h)).resize(SCENE_W, SCENE_H).jpeg({ quality }).toBuffer();
  return { jpeg, truth: boxes.filter((b): b is Box => b !== null) };
}
