import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ultralyticsLikeModel, ultralyticsMetadata, colourClasses } from '../../native/inference/testSupport/ultralyticsLikeModel';
import type { ModelManifest } from '../../native/inference/types';

export const DET_ID = 'bench-det-640';
export const OCR_ID = 'bench-ocr-640';
export const YOLO_ID = 'bench-yolo-640';

/**
 * Manifests the bench writes into its work folder: PP-OCRv4 det letterboxed
 * to a fixed 640×640 (the goal's configuration), the same detector with the
 * PP-OCRv4 recognizer (task 'ocr'), and an Ultralytics-layout YOLOv8 graph at
 * 640×640 whose output is computed from the pixels.
 */
export async function writeBenchModels(repoRoot: string, dir: string) {
  const models = path.join(repoRoot, 'models');
  const det = JSON.parse(await readFile(path.join(models, 'ppocr-v4-det.json'), 'utf8')) as ModelManifest;
  const rec = JSON.parse(await readFile(path.join(models, 'ppocr-v4-rec.json'), 'utf8')) as ModelManifest;
  const fixed = { name: 'x', width: 640, height: 640, size: 'fixed' as const };
  const detManifest: ModelManifest = { ...det, id: DET_ID, task: 'text-detect', file: path.join(models, det.file), input: fixed };
  delete detManifest.recognizer;
  const recManifest: ModelManifest = { ...rec, file: path.join(models, rec.file), dictionary: path.join(models, rec.dictionary!) };
  const ocrManifest: ModelManifest = { ...det, id: OCR_ID, task: 'ocr', file: path.join(models, det.file), input: fixed, recognizer: rec.id };
  const yoloBytes = ultralyticsLikeModel({ head: 'v8', imgsz: [640, 640], metadata: ultralyticsMetadata() });
  const yoloFile = path.join(dir, `${YOLO_ID}.onnx`);
  await writeFile(yoloFile, yoloBytes);
  const yoloManifest: ModelManifest = {
    id: YOLO_ID,
    name: 'Ultralytics-layout YOLOv8 graph (colour cells), 640×640',
    task: 'detect',
    file: yoloFile,
    sha256: createHash('sha256').update(yoloBytes).digest('hex'),
    input: { name: 'images', width: 640, height: 640, size: 'fixed' },
    normalization: { mean: [0, 0, 0], std: [1, 1, 1], scale: 1 / 255, channelOrder: 'rgb' },
    decoder: 'yolo-v8',
    classes: colourClasses,
    defaults: { confidence: 0.25, iou: 0.45 },
  };
  for (const m of [detManifest, recManifest, ocrManifest, yoloManifest]) await writeFile(path.join(dir, `${m.id}.json`), JSON.stringify(m, null, 2));
  return { det: detManifest, rec: recManifest, ocr: ocrManifest, yolo: yoloManifest, detFile: detManifest.file, recFile: recManifest.file, yoloFile };
}
