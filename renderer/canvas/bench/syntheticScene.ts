import type { LabelSchema } from '../../../core/model/labelSchema';
import type { Item } from '../../../core/model/item';
import type { Shape } from '../../../core/model/shape';

export const BENCH_IMAGE = { width: 1280, height: 720 };
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

/** Deterministic pseudo-random boxes over the image (mulberry32), so every run draws the same scene. */
export function syntheticShapes(count: number, seed = 42): Shape[] {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const shapes: Shape[] = [];
  for (let i = 0; i < count; i++) {
    const w = 6 + rand() * 60;
    const h = 6 + rand() * 60;
    shapes.push({
      id: `s${i}`,
      projectId: 'bench',
      itemId: benchItem.id,
      kind: 'box',
      classId: `c${i % CLASS_COLORS.length}`,
      box: { x: rand() * (BENCH_IMAGE.width - w), y: rand() * (BENCH_IMAGE.height - h), w, h },
      attributes: {},
      source: { kind: 'human' },
      author: 'bench',
      createdAt: 0,
      updatedAt: 0,
      version: 1,
    });
  }
  return shapes;
}

/** A 1280×720 test picture (gradient and grid) drawn on a canvas, so the bench needs no files or host. */
export function syntheticImageUrl(): string {
  const c = document.createElement('canvas');
  c.width = BENCH_IMAGE.width;
  c.height = BENCH_IMAGE.height;
  const ctx = c.getContext('2d')!;
  const g = ctx.createLinearGradient(0, 0, c.width, c.height);
  g.addColorStop(0, '#2b3a4a');
  g.addColorStop(1, '#6b5a3a');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, c.width, c.height);
  ctx.strokeStyle = 'rgba(255,255,255,0.15)';
  for (let x = 0; x < c.width; x += 40) ctx.strokeRect(x, 0, 0, c.height);
  for (let y = 0; y < c.height; y += 40) ctx.strokeRect(0, y, c.width, 0);
  return c.toDataURL('image/png');
}
