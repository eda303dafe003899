// A folder of distinct real photographs for the journeys that need more
// pictures than the repo ships: crops of the three JPEGs in apg-js's guide
// (electron/services/prelabel/testSupport/realPhotos.ts), mirrored or not,
// each resized to one size. Nothing is drawn; every run makes the same files.
// Crops are kept only when their perceptual hash (the intake's dHash) is far
// from every crop already kept, so intake sees no near duplicates.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { hammingDistance } from '../../core/geometry/hamming';
import { dHashOf } from '../../electron/services/intake/dHash';
import { NEAR_DUPLICATE_MAX_DISTANCE } from '../../electron/services/intake/findDuplicates';
import { REAL_PHOTOS, realPhotoPath, type RealPhotoName } from '../../electron/services/prelabel/testSupport/realPhotos';

export interface PhotoSetImage {
  fileName: string;
  width: number;
  height: number;
}

interface Candidate {
  photo: RealPhotoName;
  left: number;
  top: number;
  width: number;
  height: number;
  mirrored: boolean;
}

/** Every 4:3 window across each photo at a few sizes, plain and mirrored, in a fixed order. */
function candidates(): Candidate[] {
  const out: Candidate[] = [];
  for (const mirrored of [false, true]) {
    for (const [photo, size] of Object.entries(REAL_PHOTOS) as [RealPhotoName, { width: number; height: number }][]) {
      for (const height of [size.height, Math.round(size.height * 0.7)]) {
        const width = Math.round((height * 4) / 3);
        for (let left = 0; left + width <= size.width; left += Math.max(16, Math.round(width / 3))) {
          out.push({ photo, left, top: Math.floor((size.height - height) / 2), width, height, mirrored });
        }
      }
    }
  }
  return out;
}

async function render(c: Candidate, width: number, height: number): Promise<Buffer> {
  let image = sharp(realPhotoPath(c.photo)).extract({ left: c.left, top: c.top, width: c.width, height: c.height });
  if (c.mirrored) image = image.flop();
  return image.resize(width, height, { fit: 'fill' }).jpeg({ quality: 88 }).toBuffer();
}

async function dHash(jpeg: Buffer): Promise<string> {
  const thumb = await sharp(jpeg).greyscale().resize(9, 8, { fit: 'fill' }).raw().toBuffer();
  return dHashOf(thumb.subarray(0, 72));
}

/**
 * Writes `count` distinct crops of the real photos into `dir` as `photo-01.jpg`…,
 * each `width`×`height`, at least `minDistance` dHash bits from every other one.
 * Throws when the photos do not give that many.
 */
export async function writePhotoSet(dir: string, count: number, options: { width?: number; height?: number; minDistance?: number } = {}): Promise<PhotoSetImage[]> {
  const width = options.width ?? 320;
  const height = options.height ?? 240;
  const minDistance = options.minDistance ?? 2 * NEAR_DUPLICATE_MAX_DISTANCE;
  await mkdir(dir, { recursive: true });
  const kept: { hash: string; bytes: Buffer }[] = [];
  for (const c of candidates()) {
    if (kept.length === count) break;
    const bytes = await render(c, width, height);
    const hash = await dHash(bytes);
    if (kept.every((k) => hammingDistance(k.hash, hash) >= minDistance)) kept.push({ hash, bytes });
  }
  if (kept.length < count) throw new Error(`the real photos give only ${kept.length} crops at least ${minDistance} dHash bits apart (asked for ${count})`);
  const images: PhotoSetImage[] = [];
  for (const [i, k] of kept.entries()) {
    const fileName = `photo-${String(i + 1).padStart(2, '0')}.jpg`;
    await writeFile(path.join(dir, fileName), k.bytes);
    images.push({ fileName, width, height });
  }
  return images;
}
