import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iou } from '../../core/geometry/box';
import type { Box } from '../../core/model/shape';
import { createInferenceEngine } from './engine';
import type { InferenceEngine, Prediction } from './types';
import { tempModelsDir } from './testSupport/modelFixture';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const repoModels = path.join(repoRoot, 'models');

const W = 1280;
const H = 720;
const words = [
  { text: 'Groundwork', x: 120, y: 200, size: 64 },
  { text: 'INVOICE 2024', x: 620, y: 520, size: 56 },
];

const textSvg = (w: (typeof words)[number]) => `<text x="${w.x}" y="${w.y}" font-family="DejaVu Sans" font-size="${w.size}" fill="#111">${w.text}</text>`;
const svg = (body: string, background: boolean) =>
  Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${background ? '<rect width="100%" height="100%" fill="#fff"/>' : ''}${body}</svg>`);

/** Where the word's ink is: rendered alone on a transparent canvas and trimmed. */
async function inkBox(word: (typeof words)[number]): Promise<Box> {
  const { info } = await sharp(svg(textSvg(word), false)).trim().toBuffer({ resolveWithObject: true });
  return { x: -(info.trimOffsetLeft ?? 0), y: -(info.trimOffsetTop ?? 0), w: info.width, h: info.height };
}

function matching(predictions: Prediction[], box: Box): Prediction | undefined {
  return predictions.find((p) => iou(p.box, box) >= 0.5);
}

describe('OCR through the engine with the installed PP-OCRv4 models', () => {
  let engine: InferenceEngine;
  let imagePath: string;
  let cleanup: () => Promise<void>;
  let inkBoxes: Box[];

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(repoRoot, 'scripts/installModels.mjs')], { stdio: 'pipe' });
    const temp = await tempModelsDir();
    cleanup = temp.cleanup;
    imagePath = path.join(temp.dir, 'words.jpg');
    await sharp(svg(words.map(textSvg).join(''), true)).jpeg({ quality: 92 }).toFile(imagePath);
    inkBoxes = await Promise.all(words.map(inkBox));
    // A fixed-size detection-only manifest (the benchmark's workload): letterboxed to 640×640.
    const det = JSON.parse(await readFile(path.join(repoModels, 'ppocr-v4-det.json'), 'utf8'));
    await writeFile(
      path.join(temp.dir, 'det-640.json'),
      JSON.stringify({ ...det, id: 'det-640', task: 'text-detect', file: path.join(repoModels, det.file), input: { name: 'x', width: 640, height: 640, size: 'fixed' }, recognizer: undefined }),
    );
    engine = createInferenceEngine({ modelsDirs: [repoModels, temp.dir], providers: ['cpu'], log: () => {} });
  }, 60_000);

  afterAll(async () => {
    await engine?.dispose();
    await cleanup?.();
  });

  it('lists the default models without problems', async () => {
    const listings = await engine.listModels();
    const ids = listings.filter((l) => l.problems.length === 0).map((l) => l.manifest?.id);
    expect(ids).toEqual(expect.arrayContaining(['ppocr-v4-det', 'ppocr-v4-rec', 'det-640']));
  });

  it('finds each word where it was drawn and reads it into the text attribute, keeping the quad', async () => {
    await expect(engine.load('ppocr-v4-det')).resolves.toMatchObject({ modelId: 'ppocr-v4-det', provider: 'cpu', fallbacks: [] });
    const result = await engine.predictFile('ppocr-v4-det', imagePath, { confidence: 0.6, iou: 0.5 });
    expect([result.width, result.height]).toEqual([W, H]);
    words.forEach((word, i) => {
      const found = matching(result.predictions, inkBoxes[i]!);
      expect(found, `a text box over '${word.text}'`).toBeDefined();
      expect(found).toMatchObject({ className: 'text', classIndex: 0, attributes: { text: word.text } });
      const quad = JSON.parse(String(found!.attributes!.quad)) as [number, number][];
      expect(quad).toHaveLength(4);
      // The box is the quad's bounds.
      expect(Math.min(...quad.map((p) => p[0]))).toBeCloseTo(found!.box.x, 0);
    });
  });

  it('a fixed-size detector letterboxes and maps boxes and quads back to the image', async () => {
    const result = await engine.predictFile('det-640', imagePath, { confidence: 0.6, iou: 0.5 });
    words.forEach((word, i) => {
      const found = matching(result.predictions, inkBoxes[i]!);
      expect(found, `a text box over '${word.text}'`).toBeDefined();
      expect(found!.attributes!.text).toBeUndefined();
    });
  });
});
