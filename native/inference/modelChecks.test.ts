import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInferenceEngine } from './engine';
import { ModelLoadError, UnknownModelError } from './errors';
import type { InferenceEngine, ModelListing } from './types';
import { constantOutputModel, yoloV5Output, yoloV8Output } from './testSupport/constantOutputModel';
import { dropModel, sha256, tempModelsDir, writeJpeg, yoloManifest } from './testSupport/modelFixture';

const oneCat = [{ cx: 320, cy: 320, w: 100, h: 100, scores: [0.9, 0.1] }];
const v8TwoClasses = yoloV8Output(oneCat, 2);
const goodModel = constantOutputModel(v8TwoClasses.values, v8TwoClasses.dims);

describe('manifests that lie and model files that are broken', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let engine: InferenceEngine;
  let listings: ModelListing[];
  const warnings: string[] = [];

  beforeAll(async () => {
    ({ dir, cleanup } = await tempModelsDir());
    await dropModel(dir, yoloManifest('good'), goodModel);
    await dropModel(dir, yoloManifest('small-input'), constantOutputModel(v8TwoClasses.values, v8TwoClasses.dims, { inputDims: [1, 3, 320, 320] }));
    await dropModel(dir, yoloManifest('renamed-input'), constantOutputModel(v8TwoClasses.values, v8TwoClasses.dims, { inputName: 'x' }));
    // Three classes declared, but the head carries two (v8: 4 + 2 rows).
    await dropModel(dir, yoloManifest('three-classes', { classes: ['cat', 'dog', 'bird'] }), goodModel);
    // A v5 head described as v8.
    const v5 = yoloV5Output([...oneCat, ...oneCat, ...oneCat, ...oneCat, ...oneCat, ...oneCat, ...oneCat, ...oneCat], 2);
    await dropModel(dir, yoloManifest('v5-called-v8', { decoder: 'yolo-v8' }), constantOutputModel(v5.values, v5.dims));
    // Symbolic output dims cannot be checked at load; the first run must catch the class-count lie.
    await dropModel(dir, yoloManifest('symbolic-out', { classes: ['cat', 'dog', 'bird'] }), constantOutputModel(v8TwoClasses.values, v8TwoClasses.dims, { symbolicOutputDims: ['batch', 'rows', 'anchors'] }));
    await dropModel(dir, yoloManifest('dynamic-claim', { input: { name: 'images', width: 640, height: 640, size: 'dynamic' } }), goodModel);
    await writeFile(path.join(dir, 'missing-file.json'), JSON.stringify(yoloManifest('missing-file', { sha256: sha256(goodModel) })));
    await dropModel(dir, yoloManifest('bad-hash', { sha256: 'ab'.repeat(32) }), goodModel, { keepSha: true });
    const garbage = new TextEncoder().encode('this is not a protobuf, just text pretending to be a model '.repeat(20));
    await dropModel(dir, yoloManifest('corrupt'), garbage);
    await dropModel(dir, yoloManifest('truncated'), goodModel.subarray(0, Math.floor(goodModel.length / 3)));
    await dropModel(dir, yoloManifest('empty'), new Uint8Array(0));
    await writeFile(path.join(dir, 'broken-json.json'), '{ "id": "broken-json", "name": ');
    await writeFile(path.join(dir, 'bad-fields.json'), JSON.stringify({ ...yoloManifest('bad-fields'), input: { name: 'images', width: '640', height: 640, size: 'fixed' } }));
    await writeFile(path.join(dir, 'task-decoder.json'), JSON.stringify({ ...yoloManifest('task-decoder', { sha256: sha256(goodModel) }), decoder: 'ppocr-det' }));
    engine = createInferenceEngine({ modelsDirs: [dir, path.join(dir, 'does-not-exist')], providers: ['cpu'], log: (_level, message) => warnings.push(message) });
    listings = await engine.listModels();
  });

  afterAll(async () => {
    await engine?.dispose();
    await cleanup?.();
  });

  const listing = (file: string) => listings.find((l) => path.basename(l.manifestPath) === file)!;
  const loadError = async (modelId: string) => {
    const error = await engine.load(modelId).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ModelLoadError);
    return (error as Error).message;
  };

  it('lists every manifest, and a good one without problems', () => {
    expect(listings).toHaveLength(15);
    expect(listing('good.json').problems).toEqual([]);
    expect(listing('good.json').manifest?.classes).toEqual(['cat', 'dog']);
  });

  it('wrong input size', async () => {
    expect(await loadError('small-input')).toBe("model 'small-input': manifest says input 'images' is 640×640 but the model's input 'images' is 320×320");
  });

  it('wrong input name', async () => {
    expect(await loadError('renamed-input')).toBe("model 'renamed-input': manifest says the input is named 'images' but the model's inputs are 'x'");
  });

  it('class count does not match the output layout', async () => {
    expect(await loadError('three-classes')).toBe(
      "model 'three-classes': manifest says decoder 'yolo-v8' with 3 classes, so output 'output0' should be [1, 7, N] (4 box values + 3 classes, anchors last), but the model's output is [1, 6, 1]",
    );
  });

  it('wrong decoder: a v5 head declared as v8', async () => {
    expect(await loadError('v5-called-v8')).toMatch(/should be \[1, 6, N\].*but the model's output is \[1, 8, 7\] \(that looks like the yolo-v5 layout with 2 classes\)/);
  });

  it('symbolic output dims: the class-count lie is caught on the first run', async () => {
    await expect(engine.load('symbolic-out')).resolves.toMatchObject({ provider: 'cpu' });
    const image = await writeJpeg(path.join(dir, 'img.jpg'), 320, 200);
    await expect(engine.predictFile('symbolic-out', image, { confidence: 0.25, iou: 0.45 })).rejects.toThrow(
      "model 'symbolic-out': manifest says decoder 'yolo-v8' with 3 classes, so output 'output0' should be [1, 7, N] (4 box values + 3 classes, anchors last), but the model's output is [1, 6, 1]",
    );
  });

  it('a dynamic-size claim on a fixed-size model', async () => {
    expect(await loadError('dynamic-claim')).toBe("model 'dynamic-claim': manifest says input 'images' has a dynamic size but the model's input 'images' is fixed at 640×640");
  });

  it('missing model file', async () => {
    expect(listing('missing-file.json').problems).toEqual([`model file missing-file.onnx does not exist (looked for ${path.join(dir, 'missing-file.onnx')})`]);
    expect(await loadError('missing-file')).toMatch(/^model 'missing-file': model file missing-file\.onnx does not exist/);
  });

  it('bad hash', async () => {
    const expected = `sha256 of model file bad-hash.onnx is ${sha256(goodModel)}, but the manifest says ${'ab'.repeat(32)}`;
    expect(listing('bad-hash.json').problems[0]).toContain(expected);
    expect(await loadError('bad-hash')).toContain(expected);
  });

  it('corrupt and truncated model files', async () => {
    expect(await loadError('corrupt')).toMatch(/^model 'corrupt': corrupt\.onnx could not be loaded as an ONNX model: the file is not a valid ONNX model, it may be corrupt or truncated \(Protobuf parsing failed/);
    expect(await loadError('truncated')).toMatch(/^model 'truncated': truncated\.onnx could not be loaded as an ONNX model: .*(corrupt or truncated|empty or truncated)/);
  });

  it('empty model file', async () => {
    expect(listing('empty.json').problems).toEqual(['model file empty.onnx is empty (0 bytes)']);
    expect(await loadError('empty')).toBe("model 'empty': model file empty.onnx is empty (0 bytes)");
  });

  it('invalid JSON and invalid fields in manifests', async () => {
    expect(listing('broken-json.json').manifest).toBeUndefined();
    expect(listing('broken-json.json').problems[0]).toMatch(/^invalid JSON: /);
    expect(listing('bad-fields.json').problems).toEqual(['input.width: Invalid input: expected number, received string']);
    expect(listing('task-decoder.json').problems).toEqual(["decoder: task 'detect' needs decoder 'yolo-v5' or 'yolo-v8' or 'yolo-v11', not 'ppocr-det'"]);
    // A manifest that does not parse declares no model.
    await expect(engine.load('bad-fields')).rejects.toBeInstanceOf(UnknownModelError);
  });

  it('the engine keeps working for good models after all those failures', async () => {
    const image = await writeJpeg(path.join(dir, 'after.jpg'), 640, 640);
    const result = await engine.predictFile('good', image, { confidence: 0.25, iou: 0.45 });
    expect(result.predictions).toHaveLength(1);
    expect(result.predictions[0]).toMatchObject({ className: 'cat', box: { x: 270, y: 270, w: 100, h: 100 } });
  });
});

describe('provider fallback', () => {
  it("asks for ['cuda', 'cpu'], loads on cpu, and reports why cuda did not load", async () => {
    const { dir, cleanup } = await tempModelsDir();
    await dropModel(dir, yoloManifest('fallback'), goodModel);
    const logged: [string, string][] = [];
    const engine = createInferenceEngine({ modelsDirs: [dir], providers: ['cuda', 'cpu'], log: (level, message) => logged.push([level, message]) });
    try {
      const info = await engine.load('fallback');
      expect(info.modelId).toBe('fallback');
      expect(info.provider).toBe('cpu');
      expect(info.fallbacks).toEqual([{ provider: 'cuda', reason: expect.stringMatching(/Cuda.*Failed to load shared library/i) }]);
      expect(logged).toContainEqual(['warn', expect.stringMatching(/^execution provider 'cuda' did not load \(.*\); trying the next one$/)]);
      expect(logged).toContainEqual(['info', expect.stringMatching(/^model 'fallback' loaded on execution provider 'cpu' \(not available: cuda: /)]);
      // Loaded once: a second load is the same session, no second warning.
      await engine.load('fallback');
      expect(logged.filter(([level]) => level === 'warn')).toHaveLength(1);
    } finally {
      await engine.dispose();
      await cleanup();
    }
  });
});
