import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInferenceEngine } from './engine';
import { ImageDecodeError } from './errors';
import type { BatchItem, InferenceEngine } from './types';
import { constantOutputModel, yoloV8Output } from './testSupport/constantOutputModel';
import { dropModel, tempModelsDir, writeJpeg, writeTruncatedJpeg, yoloManifest } from './testSupport/modelFixture';

const thresholds = { confidence: 0.25, iou: 0.45 };

describe('engine lifecycle: bad images, batches, cancel, dispose', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let engine: InferenceEngine;
  let good: string;

  beforeAll(async () => {
    ({ dir, cleanup } = await tempModelsDir());
    const head = yoloV8Output([{ cx: 320, cy: 320, w: 64, h: 32, scores: [0.8, 0.1] }], 2);
    await dropModel(dir, yoloManifest('m'), constantOutputModel(head.values, head.dims));
    good = await writeJpeg(path.join(dir, 'good.jpg'), 1280, 720);
    engine = createInferenceEngine({ modelsDirs: [dir], providers: ['cpu'], intraOpThreads: 1, log: () => {} });
  });

  afterAll(async () => {
    await engine?.dispose();
    await cleanup?.();
  });

  it('a corrupt image is an ImageDecodeError naming the file, and the engine still works after', async () => {
    const truncated = await writeTruncatedJpeg(path.join(dir, 'truncated.jpg'));
    const notAnImage = path.join(dir, 'notes.jpg');
    await writeFile(notAnImage, 'plain text, not a JPEG');
    const empty = path.join(dir, 'empty.jpg');
    await writeFile(empty, '');
    for (const file of [truncated, notAnImage, empty]) {
      const error = await engine.predictFile('m', file, thresholds).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(ImageDecodeError);
      expect((error as Error).message).toContain(`cannot decode image ${file}: `);
    }
    await expect(engine.predictFile('m', empty, thresholds)).rejects.toThrow(/the file is empty \(0 bytes\)/);
    await expect(engine.predictFile('m', path.join(dir, 'nope.jpg'), thresholds)).rejects.toThrow(/cannot read image .*nope\.jpg: the file does not exist/);
    const result = await engine.predictFile('m', good, thresholds);
    // 1280×720 → scale 0.5, pad 140 top: the 64×32 box at (320, 320) is 128×64 centred on (640, 360).
    expect(result.predictions).toEqual([{ className: 'cat', classIndex: 0, score: expect.closeTo(0.8, 5), box: { x: 576, y: 328, w: 128, h: 64 } }]);
    expect(result.timings.inferMs).toBeGreaterThan(0);
  });

  it('predictImage on encoded bytes and on raw RGB gives what predictFile gives; bad bytes are an ImageDecodeError', async () => {
    const fromFile = await engine.predictFile('m', good, thresholds);
    const fromBytes = await engine.predictImage('m', new Uint8Array(await readFile(good)), thresholds);
    const { data, info } = await sharp(good).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const fromRaw = await engine.predictImage('m', { data: new Uint8Array(data), width: info.width, height: info.height, channels: 3 }, thresholds);
    for (const result of [fromBytes, fromRaw]) {
      expect(result).toMatchObject({ width: 1280, height: 720 });
      expect(result.predictions).toEqual(fromFile.predictions);
    }
    expect(fromFile.predictions).toHaveLength(1);
    const text = engine.predictImage('m', new TextEncoder().encode('not a picture'), thresholds);
    await expect(text).rejects.toBeInstanceOf(ImageDecodeError);
    await expect(text).rejects.toThrow(/^cannot decode in-memory image \(13 bytes\): /);
    const short = engine.predictImage('m', { data: new Uint8Array(10), width: 4, height: 4, channels: 3 }, thresholds);
    await expect(short).rejects.toBeInstanceOf(ImageDecodeError);
    await expect(short).rejects.toThrow('raw image has 10 bytes, expected 4×4×3 = 48');
  });

  it('predictFiles reports each image in order; a corrupt one fails alone and the batch goes on', async () => {
    const corrupt = await writeTruncatedJpeg(path.join(dir, 'bad-in-batch.jpg'));
    const paths = [good, good, corrupt, good, good];
    const items: BatchItem[] = [];
    for await (const item of engine.predictFiles('m', paths, thresholds)) items.push(item);
    expect(items.map((i) => [i.index, i.ok])).toEqual([[0, true], [1, true], [2, false], [3, true], [4, true]]);
    const failed = items[2]!;
    expect(!failed.ok && failed.error).toBeInstanceOf(ImageDecodeError);
    expect(items[4]!.ok && items[4]!.result.predictions).toHaveLength(1);
  });

  it('cancel by signal stops between images; leaving the loop cancels too', async () => {
    const paths = Array.from({ length: 40 }, () => good);
    const controller = new AbortController();
    const seen: number[] = [];
    for await (const item of engine.predictFiles('m', paths, thresholds, { signal: controller.signal })) {
      seen.push(item.index);
      if (item.index === 1) controller.abort();
    }
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.length).toBeLessThan(40);
    expect(seen).toEqual(seen.map((_, i) => i));

    let count = 0;
    for await (const item of engine.predictFiles('m', paths, thresholds)) {
      expect(item.ok).toBe(true);
      if (++count === 3) break;
    }
    // The engine is free again right away for the next request.
    await expect(engine.predictFile('m', good, thresholds)).resolves.toMatchObject({ width: 1280, height: 720 });
  });

  it('an unknown model fails the batch as a whole', async () => {
    const iterate = async () => {
      for await (const item of engine.predictFiles('nope', [good], thresholds)) void item;
    };
    await expect(iterate()).rejects.toThrow("no manifest declares model 'nope'");
  });

  it('dispose waits for a running batch instead of killing it, then refuses new work', async () => {
    const { dir: own, cleanup: done } = await tempModelsDir();
    const head = yoloV8Output([{ cx: 320, cy: 320, w: 64, h: 32, scores: [0.8, 0.1] }], 2);
    await dropModel(own, yoloManifest('m'), constantOutputModel(head.values, head.dims));
    const local = createInferenceEngine({ modelsDirs: [own], providers: ['cpu'], log: () => {} });
    const items: BatchItem[] = [];
    const consumed = (async () => {
      for await (const item of local.predictFiles('m', Array.from({ length: 400 }, () => good), thresholds)) items.push(item);
    })();
    while (items.length < 3) await new Promise((r) => setTimeout(r, 5));
    await local.dispose();
    await consumed;
    expect(items.every((i) => i.ok)).toBe(true);
    expect(items.length).toBeLessThan(400);
    await expect(local.listModels()).rejects.toThrow('the inference engine has been disposed');
    const afterDispose = async () => {
      for await (const item of local.predictFiles('m', [good], thresholds)) void item;
    };
    await expect(afterDispose()).rejects.toThrow('the inference engine has been disposed');
    await done();
  });
});
