import { readFile, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dropModel, sha256, tempModelsDir, yoloManifest } from '../testSupport/modelFixture';
import { sha256OfFile } from './fileHash';
import { parseManifest } from './manifestSchema';
import { scanModels } from './modelCatalog';

const repoModels = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../models');

describe('manifest schema', () => {
  const valid = yoloManifest('m', { sha256: 'a'.repeat(64) });

  it('accepts a complete YOLO manifest and the shipped PP-OCR manifests', async () => {
    expect(parseManifest(JSON.stringify(valid))).toEqual({ ok: true, manifest: valid });
    for (const file of ['ppocr-v4-det.json', 'ppocr-v4-rec.json']) {
      expect(parseManifest(await readFile(path.join(repoModels, file), 'utf8')).ok, file).toBe(true);
    }
  });

  it.each([
    [{ ...valid, task: 'ocr', decoder: 'ppocr-det' }, "recognizer: task 'ocr' needs a recognizer (the id of a 'text-recognize' manifest)"],
    [{ ...valid, task: 'text-recognize', decoder: 'ppocr-rec' }, "dictionary: decoder 'ppocr-rec' needs a dictionary file"],
    [{ ...valid, task: 'detect', decoder: 'ppocr-det' }, "decoder: task 'detect' needs decoder 'yolo-v5' or 'yolo-v8' or 'yolo-v11', not 'ppocr-det'"],
    [{ ...valid, sha256: 'ABC' }, 'sha256: 64 lowercase hex digits'],
    [{ ...valid, classes: [] }, 'classes: Too small: expected array to have >=1 items'],
    [{ ...valid, normalization: { ...valid.normalization, std: [1, 0, 1] } }, 'normalization.std: std values must not be 0'],
    [{ ...valid, extra: true }, '(manifest): Unrecognized key: "extra"'],
  ])('names the field that is wrong (%#)', (manifest, problem) => {
    expect(parseManifest(JSON.stringify(manifest))).toEqual({ ok: false, problems: [problem] });
  });
});

describe('model catalog', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempModelsDir()));
  afterEach(() => cleanup());

  it('a duplicate id is reported on the later manifest, and an ocr model with a missing recognizer is flagged', async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    await dropModel(dir, yoloManifest('a'), bytes);
    await writeFile(path.join(dir, 'b.json'), JSON.stringify({ ...yoloManifest('a'), file: 'a.onnx', sha256: sha256(bytes) }));
    const ocr = yoloManifest('reader', { task: 'ocr', decoder: 'ppocr-det', classes: ['text'], recognizer: 'nobody' });
    await dropModel(dir, ocr, bytes);
    const { listings, entries } = await scanModels([dir]);
    expect(listings.find((l) => l.manifestPath.endsWith('b.json'))!.problems).toEqual([`model id 'a' is already declared by ${path.join(dir, 'a.json')}; this manifest is ignored`]);
    expect(entries.get('reader')!.problems).toEqual(["recognizer 'nobody' is not declared by any manifest"]);
    expect([...entries.keys()].sort()).toEqual(['a', 'reader']);
  });

  it('hashes are cached by path, mtime and size: same size and mtime reuse the hash, a new mtime rehashes', async () => {
    const file = path.join(dir, 'w.bin');
    const when = new Date('2025-01-01T00:00:00Z');
    await writeFile(file, 'first');
    await utimes(file, when, when);
    const first = await sha256OfFile(file);
    expect(first).toBe(sha256(new TextEncoder().encode('first')));
    await writeFile(file, 'other'); // same length
    await utimes(file, when, when);
    expect(await sha256OfFile(file)).toBe(first);
    await utimes(file, when, new Date(when.getTime() + 5000));
    expect(await sha256OfFile(file)).toBe(sha256(new TextEncoder().encode('other')));
  });
});
