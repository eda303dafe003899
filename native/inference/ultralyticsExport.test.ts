import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ort from 'onnxruntime-node';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInferenceEngine } from './engine';
import { confirmProposedManifest } from './manifest/confirmProposedManifest';
import { scanModels } from './manifest/modelCatalog';
import type { InferenceEngine, ModelListing, Prediction } from './types';
import { tempModelsDir } from './testSupport/modelFixture';
import { ultralyticsLikeModel, ultralyticsMetadata, type UltralyticsLikeOptions } from './testSupport/ultralyticsLikeModel';

/**
 * YOLO models as Ultralytics exports them, dropped into a models folder with
 * no manifest: the engine proposes one from the file's metadata and output
 * shape, and the v5, v8 and v11 decoders run on what a real onnxruntime
 * session computes from the image's pixels.
 */

const names = "{0: 'red', 1: 'green', 2: 'blue'}";
const models: Record<string, UltralyticsLikeOptions & { expect: { decoder: string; width: number; height: number; from: string; output: (number | string)[] } }> = {
  'yolov8n-colours': {
    head: 'v8',
    imgsz: [640, 640],
    metadata: ultralyticsMetadata(),
    expect: { decoder: 'yolo-v8', width: 640, height: 640, from: 'model input', output: [1, 7, 400] },
  },
  'yolo11n-colours-dynamic': {
    head: 'v8',
    imgsz: [320, 640],
    dynamic: true,
    metadata: ultralyticsMetadata({ description: 'Ultralytics YOLO11n model trained on colours.yaml', imgsz: '[320, 640]' }),
    expect: { decoder: 'yolo-v11', width: 640, height: 320, from: 'imgsz metadata', output: ['batch', 7, 'anchors'] },
  },
  // The YOLOv5 repository's export.py writes only stride and names.
  'yolov5s-colours': {
    head: 'v5',
    imgsz: [640, 640],
    metadata: { stride: '32', names },
    expect: { decoder: 'yolo-v5', width: 640, height: 640, from: 'model input', output: [1, 400, 8] },
  },
  'yolov5s-colours-dynamic': {
    head: 'v5',
    imgsz: [640, 640],
    dynamic: true,
    metadata: { stride: '32', names },
    expect: { decoder: 'yolo-v5', width: 640, height: 640, from: 'default', output: ['batch', 'anchors', 8] },
  },
};

// An 800×400 white photo with a red 80×80 square at (80, 40) and a green 80×40 bar at (400, 200).
// Letterboxed to 640×640 (scale 0.8, 160 px padding) or to 640×320 (scale 0.8, none),
// both squares cover whole 32-px cells, i.e. 40-px cells of the original.
async function writeColourPhoto(filePath: string): Promise<void> {
  const [width, height] = [800, 400];
  const rgb = Buffer.alloc(width * height * 3, 255);
  const paint = (x0: number, y0: number, w: number, h: number, colour: [number, number, number]) => {
    for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) rgb.set(colour, (y * width + x) * 3);
  };
  paint(80, 40, 80, 80, [255, 0, 0]);
  paint(400, 200, 80, 40, [0, 255, 0]);
  await sharp(rgb, { raw: { width, height, channels: 3 } }).png().toFile(filePath);
}

const cellsOfSquares = [
  ['red', 80, 40],
  ['red', 120, 40],
  ['red', 80, 80],
  ['red', 120, 80],
  ['green', 400, 200],
  ['green', 440, 200],
] as const;

function byPosition(predictions: Prediction[]) {
  return [...predictions].sort((a, b) => a.classIndex - b.classIndex || a.box.y - b.box.y || a.box.x - b.box.x);
}

describe('Ultralytics-exported YOLO models dropped in without a manifest (real onnxruntime sessions)', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let engine: InferenceEngine;
  let photo: string;
  let blank: string;
  let listings: ModelListing[];

  beforeAll(async () => {
    ({ dir, cleanup } = await tempModelsDir());
    for (const [stem, options] of Object.entries(models)) await writeFile(path.join(dir, `${stem}.onnx`), ultralyticsLikeModel(options));
    photo = path.join(dir, 'photo.png');
    await writeColourPhoto(photo);
    blank = path.join(dir, 'blank.png');
    await sharp({ create: { width: 800, height: 400, channels: 3, background: { r: 255, g: 255, b: 255 } } }).png().toFile(blank);
    engine = createInferenceEngine({ modelsDirs: [dir], providers: ['cpu'], log: () => {} });
    listings = await engine.listModels();
  });

  afterAll(async () => {
    await engine?.dispose();
    await cleanup?.();
  });

  const listingOf = (stem: string) => listings.find((l) => l.manifestPath === path.join(dir, `${stem}.json`))!;

  it.each(Object.keys(models))('%s: listed as needing confirmation, with what was read from the file', (stem) => {
    const { expect: want, metadata } = models[stem]!;
    const listing = listingOf(stem);
    expect(listing.problems).toEqual([]);
    expect(listing.needsConfirmation).toBe(true);
    expect(listing.manifest).toMatchObject({
      id: stem,
      task: 'detect',
      file: `${stem}.onnx`,
      decoder: want.decoder,
      classes: ['red', 'green', 'blue'],
      input: { name: 'images', width: want.width, height: want.height, size: 'fixed' },
      normalization: { mean: [0, 0, 0], std: [1, 1, 1], scale: 1 / 255, channelOrder: 'rgb' },
    });
    expect(listing.manifest!.sha256).toMatch(/^[0-9a-f]{64}$/);
    const read = listing.readFromModel!;
    expect(read.metadata).toEqual(metadata);
    expect(read.output).toEqual({ name: 'output0', dims: want.output });
    expect(read.input!.dims).toEqual(models[stem]!.dynamic ? ['batch', 3, 'height', 'width'] : [1, 3, 640, 640]);
    expect(read.inputSize).toEqual({ width: want.width, height: want.height, from: want.from });
    expect(read.decoderReason).toContain("output 'output0'");
    if (want.from === 'default') expect(read.notes).toEqual(['the input size is dynamic and the metadata has no imgsz; assuming 640×640']);
  });

  it.each(Object.keys(models))('%s: finds the red square and the green bar, cell by cell, in original pixels', async (stem) => {
    const result = await engine.predictFile(stem, photo, { confidence: 0.25, iou: 0.45 });
    expect([result.width, result.height]).toEqual([800, 400]);
    const found = byPosition(result.predictions);
    expect(found.map((p) => [p.className, p.box.x, p.box.y])).toEqual(cellsOfSquares.map(([c, x, y]) => [c, expect.closeTo(x, 6), expect.closeTo(y, 6)]));
    for (const p of found) {
      expect(p.box.w).toBeCloseTo(40, 6);
      expect(p.box.h).toBeCloseTo(40, 6);
      expect(p.score).toBeGreaterThan(0.9);
      expect(p.score).toBeLessThanOrEqual(1);
    }
  });

  it('the outputs come from the pixels: a blank photo gives no boxes', async () => {
    for (const stem of Object.keys(models)) expect((await engine.predictFile(stem, blank, { confidence: 0.25, iou: 0.45 })).predictions, stem).toEqual([]);
  });

  it('dynamic=True graphs accept any batch and size, with the anchor count following the size', async () => {
    for (const [stem, layout] of [['yolo11n-colours-dynamic', (n: number) => [2, 7, n]], ['yolov5s-colours-dynamic', (n: number) => [2, n, 8]]] as const) {
      const session = await ort.InferenceSession.create(await readFile(path.join(dir, `${stem}.onnx`)));
      try {
        const out = (await session.run({ images: new ort.Tensor('float32', new Float32Array(2 * 3 * 64 * 96), [2, 3, 64, 96]) })).output0!;
        expect(out.dims, stem).toEqual(layout(2 * 3));
      } finally {
        await session.release();
      }
    }
  });

  it('confirming writes the manifest with the corrections; the model is then declared, no longer proposed', async () => {
    const { dir: other, cleanup: cleanupOther } = await tempModelsDir();
    try {
      await copyFile(path.join(dir, 'yolov8n-colours.onnx'), path.join(other, 'yolov8n-colours.onnx'));
      const [proposal] = (await scanModels([other])).listings;
      const written = await confirmProposedManifest(proposal!.manifest!, proposal!.manifestPath, { name: 'Colour squares', classes: ['rouge', 'vert', 'bleu'] });
      expect(JSON.parse(await readFile(path.join(other, 'yolov8n-colours.json'), 'utf8'))).toEqual(written);
      const { listings: after, entries } = await scanModels([other]);
      expect(after).toHaveLength(1);
      expect(after[0]!.needsConfirmation).toBeUndefined();
      expect(entries.get('yolov8n-colours')!.manifest).toMatchObject({ name: 'Colour squares', classes: ['rouge', 'vert', 'bleu'], decoder: 'yolo-v8' });
      await expect(confirmProposedManifest(proposal!.manifest!, proposal!.manifestPath)).rejects.toThrow('already exists');
      await expect(confirmProposedManifest(proposal!.manifest!, path.join(other, 'x.json'), { classes: [] })).rejects.toThrow('the corrected manifest is not valid: classes: Too small');
    } finally {
      await cleanupOther();
    }
  });

  it('proposes nothing it cannot run, and says why', async () => {
    const { dir: other, cleanup: cleanupOther } = await tempModelsDir();
    try {
      const drop = (stem: string, options: UltralyticsLikeOptions) => writeFile(path.join(other, `${stem}.onnx`), ultralyticsLikeModel(options));
      await drop('seg', { head: 'v8', imgsz: [640, 640], metadata: ultralyticsMetadata({ task: 'segment' }) });
      await drop('nameless', { head: 'v8', imgsz: [640, 640], metadata: {} });
      await drop('two-classes', { head: 'v8', imgsz: [640, 640], metadata: ultralyticsMetadata({ names: "{0: 'red', 1: 'green'}" }) });
      await drop('evil', { head: 'v8', imgsz: [640, 640], metadata: ultralyticsMetadata({ names: "__import__('os').system('rm -rf /')" }) });
      await writeFile(path.join(other, 'garbage.onnx'), 'not a model at all');
      await mkdir(path.join(other, 'sub'));
      const { listings: found, entries } = await scanModels([other]);
      const problemsOf = (stem: string) => found.find((l) => l.manifestPath === path.join(other, `${stem}.json`))!.problems;
      expect(entries.size).toBe(0);
      expect(problemsOf('seg')).toEqual(["task 'segment' is not supported: only detection models ('detect') can pre-label boxes"]);
      expect(problemsOf('nameless')).toEqual(["no class names: the model's metadata has no 'names' (was it exported by Ultralytics?)"]);
      expect(problemsOf('two-classes')).toEqual(["output 'output0' is [1, 7, 400], which is neither [1, 6, N] (YOLOv8/YOLO11) nor [1, N, 7] (YOLOv5) for the 2 classes in names"]);
      expect(problemsOf('evil')).toEqual([expect.stringMatching(/^not a Python literal: unexpected "_" at character 0/)]);
      expect(problemsOf('garbage')[0]).toMatch(/^garbage\.onnx has no manifest and its metadata could not be read: .* is not a readable ONNX model/);
    } finally {
      await cleanupOther();
    }
  });
});
