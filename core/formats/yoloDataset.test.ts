import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { seededSplit } from './shared/seededSplit';
import { contextOf, sampleDataset } from './testKit';
import type { LabelDataset } from './types';
import { exportYoloDataset, yoloFormat } from './yolo';

/**
 * Ultralytics is not installable here (no PyPI), so the layout is checked
 * against its documented rules instead: data.yaml has `path`, `train` and
 * `val` (image folders relative to `path`) and `names` as index → name; an
 * image's label file is its path with the last `/images/` replaced by
 * `/labels/` and the extension by `.txt` (ultralytics/data/utils.py img2label_paths).
 */
function img2labelPath(imagePath: string): string {
  const sa = '/images/';
  const withRoot = `/${imagePath}`;
  const i = withRoot.lastIndexOf(sa);
  return `${withRoot.slice(0, i)}/labels/${withRoot.slice(i + sa.length)}`.replace(/\.[^./]+$/, '.txt').slice(1);
}

function manyImages(n: number): LabelDataset {
  return {
    classes: ['cat'],
    images: Array.from({ length: n }, (_, i) => ({ fileName: `shots/img${String(i).padStart(3, '0')}.jpg`, width: 100, height: 100, boxes: [{ className: 'cat', box: { x: i % 50, y: 1, w: 10, h: 10 } }] })),
  };
}

describe('YOLO dataset export (Ultralytics layout)', () => {
  it('writes path/train/val/names and puts every image in the folder train or val reads, its labels where Ultralytics looks', () => {
    const out = exportYoloDataset(manyImages(20), { name: 'street-yolo', split: { valPercent: 25, seed: 7 } });
    const yaml = parse(out.files[0]!.content) as Record<string, unknown>;
    expect(yaml).toMatchObject({ path: 'street-yolo', train: 'images/train', val: 'images/val', names: { 0: 'cat' } });
    expect(out.counts).toEqual({ train: 15, val: 5 });
    const labelPaths = new Set(out.files.slice(1).map((f) => f.path));
    for (const image of out.images) {
      expect(image.path).toMatch(/^images\/(train|val)\/shots\/img\d{3}\.jpg$/);
      expect(labelPaths.has(img2labelPath(image.path))).toBe(true);
    }
    expect(out.images.filter((i) => i.path.startsWith(`${String(yaml.val)}/`))).toHaveLength(5);
    expect(out.images.filter((i) => i.path.startsWith(`${String(yaml.train)}/`))).toHaveLength(15);
  });

  it('without a split, train and val both read images/ and every image is there once', () => {
    const out = exportYoloDataset(sampleDataset(), { name: 'd' });
    expect(parse(out.files[0]!.content)).toMatchObject({ path: 'd', train: 'images', val: 'images' });
    expect(out.images.map((i) => i.path)).toEqual(['images/a/img1.jpg', 'images/b.png', 'images/empty.jpg']);
    expect(out.counts).toEqual({ train: 3, val: 3 });
  });

  it('the same seed gives the same split whatever order the images come in; another seed gives another', () => {
    const ds = manyImages(30);
    const reversed = { ...ds, images: [...ds.images].reverse() };
    const valOf = (d: LabelDataset, seed: number) => exportYoloDataset(d, { split: { valPercent: 20, seed } }).images.filter((i) => i.path.startsWith('images/val/')).map((i) => i.path);
    expect(valOf(ds, 42)).toEqual(valOf(reversed, 42));
    expect(valOf(ds, 42)).not.toEqual(valOf(ds, 43));
  });

  it('keeps at least one image on each side and never puts all of them in val', () => {
    const names = ['a', 'b', 'c'];
    expect(seededSplit(names, { valPercent: 1, seed: 1 }).val.size).toBe(1);
    expect(seededSplit(names, { valPercent: 99, seed: 1 }).train.size).toBe(1);
    expect(seededSplit(['only'], { valPercent: 50, seed: 1 })).toEqual({ train: new Set(['only']), val: new Set() });
  });

  it('reads its own split export back', () => {
    const ds = sampleDataset();
    const out = exportYoloDataset(ds, { name: 'x', split: { valPercent: 34, seed: 3 } });
    expect(out.files.some((f) => f.path.startsWith('labels/val/'))).toBe(true);
    const back = yoloFormat.importDataset(out.files, contextOf(ds)).dataset;
    expect(back.images.map((i) => [i.fileName, i.boxes.map((b) => b.className)])).toEqual(ds.images.map((i) => [i.fileName, i.boxes.map((b) => b.className)]));
  });

  it('reads a split export back when a project image sits in a sub-folder named like a split', () => {
    const ds: LabelDataset = { classes: ['cat'], images: [{ fileName: 'train/a.jpg', width: 10, height: 10, boxes: [{ className: 'cat', box: { x: 1, y: 1, w: 2, h: 2 } }] }, { fileName: 'a.jpg', width: 10, height: 10, boxes: [] }] };
    const out = exportYoloDataset(ds, { split: { valPercent: 50, seed: 1 } });
    const back = yoloFormat.importDataset(out.files, contextOf(ds)).dataset;
    expect(back.images.map((i) => [i.fileName, i.boxes.length])).toEqual([['a.jpg', 0], ['train/a.jpg', 1]]);
  });
});
