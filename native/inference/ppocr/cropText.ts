import sharp, { type Sharp } from 'sharp';
import { quadBounds, quadSize } from './quad';
import type { Point, RgbImage } from './types';

// A line whose top edge drifts by at most this fraction of its height across
// its length is cut out axis-aligned: one extract, no resampling.
const maxDriftForStraightCut = 0.1;
// PaddleOCR turns a crop by 90° when it is this much taller than wide: a
// vertical line of text, which the recognizer reads only horizontally.
const verticalAspect = 1.5;

/**
 * Cuts one text line out of the image, upright and horizontal, as raw RGB.
 * The quad is ordered clockwise from its top-left corner. Tilted lines are
 * rotated level by libvips (PaddleOCR warps the quad's perspective; for the
 * rectangles DB produces, a rotation is the same transform).
 */
export async function cropText(image: RgbImage, quad: readonly Point[]): Promise<RgbImage> {
  const { w, h } = quadSize(quad);
  const [p0, p1] = quad as [Point, Point];
  const angle = Math.atan2(p1[1] - p0[1], p1[0] - p0[0]);
  const straight = Math.abs(Math.sin(angle)) * w <= maxDriftForStraightCut * h;
  const crop = straight ? await straightCut(image, quad) : await levelCut(image, quad, angle, w, h);
  if (crop.height / crop.width < verticalAspect) return crop;
  // np.rot90 in PaddleOCR: a quarter turn anticlockwise.
  const { data, info } = await raw(crop).rotate(270).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

function raw(image: RgbImage): Sharp {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } });
}

/** The pixel rectangle covering `b`, at least 1×1 and inside the image. */
function pixelRect(image: RgbImage, b: { x: number; y: number; w: number; h: number }): { left: number; top: number; width: number; height: number } {
  const left = Math.min(image.width - 1, Math.max(0, Math.floor(b.x)));
  const top = Math.min(image.height - 1, Math.max(0, Math.floor(b.y)));
  const right = Math.max(left + 1, Math.min(image.width, Math.ceil(b.x + b.w)));
  const bottom = Math.max(top + 1, Math.min(image.height, Math.ceil(b.y + b.h)));
  return { left, top, width: right - left, height: bottom - top };
}

async function straightCut(image: RgbImage, quad: readonly Point[]): Promise<RgbImage> {
  const r = pixelRect(image, quadBounds(quad));
  const data = await raw(image).extract(r).raw().toBuffer();
  return { data, width: r.width, height: r.height };
}

async function levelCut(image: RgbImage, quad: readonly Point[], angle: number, w: number, h: number): Promise<RgbImage> {
  const region = pixelRect(image, quadBounds(quad));
  // sharp rotates about the centre and grows the canvas to fit; rotating by
  // −angle (clockwise-positive degrees) brings the top edge level.
  const { data, info } = await raw(image)
    .extract(region)
    .rotate((-angle * 180) / Math.PI, { background: { r: 0, g: 0, b: 0 } })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const qx = quad.reduce((s, p) => s + p[0], 0) / quad.length - (region.left + region.width / 2);
  const qy = quad.reduce((s, p) => s + p[1], 0) / quad.length - (region.top + region.height / 2);
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const cx = info.width / 2 + qx * c + qy * s;
  const cy = info.height / 2 - qx * s + qy * c;
  const rotated: RgbImage = { data, width: info.width, height: info.height };
  const r = pixelRect(rotated, { x: cx - w / 2, y: cy - h / 2, w, h });
  const cut = await raw(rotated).extract(r).raw().toBuffer();
  return { data: cut, width: r.width, height: r.height };
}
