// OCR text is part of a text box, end to end with the real engine: the
// installed PP-OCRv4 models in onnxruntime read a real JPEG (apg-js's
// "Firefox" logo, shipped in node_modules), the predictions become pending
// pre-labels on a project whose `text` class had no text attribute until
// `withTextAttributes` prepared it, the annotator accepts them, and the read
// text is on the shapes and in the COCO, CVAT and Label Studio exports.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formats } from '../../../core/formats';
import { importContextFor, toDataset } from '../../../core/formats/datasetMapping';
import type { Item } from '../../../core/model/item';
import type { LabelSchema } from '../../../core/model/labelSchema';
import type { Project } from '../../../core/model/project';
import type { Shape } from '../../../core/model/shape';
import { buildPrelabel } from '../../../core/prelabel/buildPrelabel';
import { textAttributeOf, withTextAttributes } from '../../../core/prelabel/classMapping';
import { createInferenceEngine } from '../../../native/inference/engine';
import type { InferenceEngine, ModelManifest, Prediction } from '../../../native/inference/types';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const MODEL_ID = 'ppocr-v4-det';
/** A real 100×121 JPEG with the word "Firefox" under a logo. */
const PHOTO = { relPath: 'firefox-gray.jpg', file: path.join(repoRoot, 'node_modules/apg-js/dist/guide/images/firefox-gray.jpg'), width: 100, height: 121 };

/** A project made before any OCR model: its `text` class has no attributes. */
const before: LabelSchema = {
  classes: [
    { id: 'cls_text', name: 'text', color: '#e6194b', attributes: [] },
    { id: 'cls_logo', name: 'logo', color: '#3cb44b', attributes: [] },
  ],
};
const item: Item = { id: 'itm_1', projectId: 'prj_1', kind: 'image', relPath: PHOTO.relPath, width: PHOTO.width, height: PHOTO.height, sha256: '0'.repeat(64), phash: '0'.repeat(16), status: 'new', order: 0 };
const project = (labelSchema: LabelSchema): Project => ({ id: 'prj_1', name: 'Signs', rootId: 'root', rootPath: '/photos', labelSchema, createdAt: 1, updatedAt: 1, schemaVersion: 1 });

function prelabel(schema: LabelSchema, predictions: Prediction[]): Shape[] {
  const plan = buildPrelabel({ runId: 'run_1', modelId: MODEL_ID, thresholds: { confidence: 0.6, iou: 0.5 }, item, schema, outcome: { ok: true, predictions }, existing: [], author: 'annotator', now: 10 });
  return plan.change.put;
}

/** What Enter does to a pending pre-label (renderer/editor/prelabel/reviewCommands `acceptChange`): the verdict changes, nothing else. */
const accept = (s: Shape): Shape => ({ ...s, prelabel: { ...s.prelabel!, review: 'accepted' }, version: s.version + 1, updatedAt: 20 });

describe('OCR text from the real PP-OCRv4 pipeline to the exports', () => {
  let engine: InferenceEngine;
  let manifest: ModelManifest;
  let predictions: Prediction[];

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(repoRoot, 'scripts/installModels.mjs')], { stdio: 'pipe' });
    engine = createInferenceEngine({ modelsDirs: [path.join(repoRoot, 'models')], providers: ['cpu'], log: () => {} });
    manifest = (await engine.listModels()).find((l) => l.manifest?.id === MODEL_ID)!.manifest!;
    const result = await engine.predictFile(MODEL_ID, PHOTO.file, manifest.defaults);
    expect([result.width, result.height]).toEqual([PHOTO.width, PHOTO.height]);
    predictions = result.predictions;
  }, 120_000);

  afterAll(async () => {
    await engine?.dispose();
  });

  it('reads the word, and without a text attribute on the class the text would be dropped', () => {
    expect(predictions).toHaveLength(1);
    expect(predictions[0]).toMatchObject({ className: 'text', attributes: { text: 'Firefox' } });
    // The word sits under the logo, in the bottom fifth of the picture.
    expect(predictions[0]!.box.y).toBeGreaterThan(PHOTO.height * 0.75);
    const [unprepared] = prelabel(before, predictions);
    expect(unprepared!.attributes).toEqual({});
  });

  it('keeps the text through pre-label, accept and the COCO, CVAT and Label Studio exports', () => {
    const { schema, added } = withTextAttributes(before, manifest.classes, manifest.task);
    expect(added.map((a) => `${a.className}.${a.attribute}`)).toEqual(['text.text', 'text.quad']);
    const textId = textAttributeOf(schema.classes[0])!.id;

    const pending = prelabel(schema, predictions);
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ classId: 'cls_text', prelabel: { review: 'pending' }, attributes: { [textId]: 'Firefox' } });
    const accepted = pending.map(accept);
    expect(accepted[0]!.attributes[textId]).toBe('Firefox');

    const dataset = toDataset(project(schema), [item], new Map([[item.id, accepted]]));
    expect(dataset.images[0]!.boxes[0]!.attributes).toMatchObject({ text: 'Firefox' });

    const coco = JSON.parse(formats.coco.exportDataset(dataset)[0]!.content) as { annotations: { attributes: Record<string, string> }[] };
    expect(coco.annotations[0]!.attributes.text).toBe('Firefox');

    const cvat = formats.cvat.exportDataset(dataset)[0]!.content;
    expect(cvat).toContain('<attribute name="text">Firefox</attribute>');

    const ls = JSON.parse(formats.labelstudio.exportDataset(dataset)[0]!.content) as { annotations: { result: { id: string; type: string; from_name: string; value: { text?: string[] } }[] }[] }[];
    const [rectangle, textarea] = ls[0]!.annotations[0]!.result;
    expect(textarea).toMatchObject({ id: rectangle!.id, type: 'textarea', from_name: 'transcription', value: { text: ['Firefox'] } });

    // And each reads back with the text on the box.
    for (const format of [formats.coco, formats.cvat, formats.labelstudio]) {
      const back = format.importDataset(format.exportDataset(dataset), importContextFor([item])).dataset;
      expect(back.images[0]!.boxes[0]!.attributes?.text, format.id).toBe('Firefox');
    }
  });
});
