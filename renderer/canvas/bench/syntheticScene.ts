import type { LabelSchema } from '../../../core/model/labelSchema';
import type { Item } from '../../../core/model/item';
import type { Box, Shape } from '../../../core/model/shape';
import { rng } from '../../../core/consensus/video/testKit';

/** A 24-megapixel photo (aerial survey, crowd, shelf): the kind of image that carries 100,000 boxes. */
export const BENCH_IMAGE = { width: 6000, height: 4000 };
/** The box the bench moves and resizes, alone in a clear area so the pointer grabs it and not a neighbour. */
export const TARGET_ID = 'target';
export const TARGET_BOX: Box = { x: 2800, y: 1800, w: 300, h: 220 };
const CLEAR_ZONE: Box = { x: 2300, y: 1300, w: 1400, h: 1300 };
/** Share of the boxes that are pending model pre-labels (drawn dashed with their score). */
export const PENDING_SHARE = 0.1;
const CLASS_COLORS = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#42d4f4'];

export const benchSchema: LabelSchema = {
  classes: CLASS_COLORS.map((color, i) => ({ id: `c${i}`, name: `class ${i}`, color, attributes: [] })),
};

export const benchItem: Item = {
  id: 'bench-item',
  projectId: 'bench',
  kind: 'image',
  relPath: 'bench.png',
  width: BENCH_IMAGE.width,
  height: BENCH_IMAGE.height,
  sha256: '0'.repeat(64),
  phash: '0'.repeat(16),
  status: 'new',
  order: 0,
};

const inside = (b: Box, r: Box) => b.x + b.w >= r.x && b.x <= r.x + r.w && b.y + b.h >= r.y && b.y <= r.y + r.h;

/**
 * Deterministic pseudo-random boxes (mulberry32) over the image, every
 * tenth one a pending pre-label, plus the target box; same scene every run.
 */
export function syntheticShapes(count: number, seed = 42): Shape[] {
  const rand = rng(seed);
  const shapes: Shape[] = [];
  const every = Math.round(1 / PENDING_SHARE);
  while (shapes.length < count) {
    const i = shapes.length;
    const w = 8 + rand() * 40;
    const h = 8 + rand() * 40;
    const box = { x: rand() * (BENCH_IMAGE.width - w), y: rand() * (BENCH_IMAGE.height - h), w, h };
    if (inside(box, CLEAR_ZONE)) continue;
    const classId = `c${i % CLASS_COLORS.length}`;
    const pending = i % every === every - 1;
    shapes.push({
      id: `s${i}`,
      projectId: 'bench',
      itemId: benchItem.id,
      kind: 'box',
      classId,
      box,
      attributes: {},
      source: pending ? { kind: 'model', modelId: 'bench-model', score: 0.5 + rand() / 2 } : { kind: 'human' },
      ...(pending ? { prelabel: { runId: 'r', predictionId: `p${i}`, modelId: 'bench-model', score: 0.5 + rand() / 2, predictedBox: box, predictedClassId: classId, review: 'pending' as const } } : {}),
      author: 'bench',
      createdAt: 0,
      updatedAt: 0,
      version: 1,
    });
  }
  const target: Shape = { id: TARGET_ID, projectId: 'bench', itemId: benchItem.id, kind: 'box', classId: 'c0', box: TARGET_BOX, attributes: {}, source: { kind: 'human' }, author: 'bench', createdAt: 0, updatedAt: 0, version: 1 };
  return [...shapes, target];
}

/** A test picture (gradient and grid) drawn on a small canvas and shown at the image's size, so the bench needs no files. */
export function syntheticImage(): Promise<HTMLImageElement> {
  const c = document.createElement('canvas');
  c.width = 1500;
  c.height = 1000;
  const ctx = c.getContext('2d')!;
  const g = ctx.createLinearGradient(0, 0, c.width, c.height);
  g.addColorStop(0, '#2b3a4a');
  g.addColorStop(1, '#6b5a3a');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, c.width, c.height);
  ctx.strokeStyle = 'rgba(255,255,255,0.15)';
  for (let x = 0; x < c.width; x += 40) ctx.strokeRect(x, 0, 0, c.height);
  for (let y = 0; y < c.height; y += 40) ctx.strokeRect(0, y, c.width, 0);
  const img = new Image();
  return new Promise((resolve, reject) => {
    img.onload = () => {
      // Konva draws an image at its width/height attributes: the full image size, like a real photo.
      img.width = BENCH_IMAGE.width;
      img.height = BENCH_IMAGE.height;
      resolve(img);
    };
    img.onerror = () => reject(new Error('bench image did not load'));
    img.src = c.toDataURL('image/png');
  });
}
