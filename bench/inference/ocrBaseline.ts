import ort from 'onnxruntime-node';
import { recNormalization, writeBgrPlanes } from '../../native/inference/ppocr/bgrTensor';
import { cropText } from '../../native/inference/ppocr/cropText';
import { recHeight, resizeForRec } from '../../native/inference/ppocr/recPreprocess';
import type { Point } from '../../native/inference/ppocr/types';
import { openImage, rawRgb } from '../../native/inference/preprocess/readImage';
import type { InferenceEngine, Thresholds } from '../../native/inference/types';

/**
 * The recognizer's raw inputs for each image: the text lines the OCR pipeline
 * itself found (its quads), cut from the full-resolution image and resized to
 * 48 px high exactly as recognizeText does, made into tensors before timing.
 */
export async function recTensorsInAdvance(engine: InferenceEngine, modelId: string, files: string[], thresholds: Thresholds): Promise<ort.Tensor[][]> {
  const quadsByFile = new Map<string, Point[][]>();
  for await (const item of engine.predictFiles(modelId, files, thresholds)) {
    if (!item.ok) throw new Error(`OCR pre-pass failed on ${item.imagePath}: ${item.error.message}`);
    quadsByFile.set(item.imagePath, item.result.predictions.map((p) => JSON.parse(String(p.attributes?.quad)) as Point[]));
  }
  const out: ort.Tensor[][] = [];
  for (const file of files) {
    const full = await rawRgb(openImage(file));
    const lines: ort.Tensor[] = [];
    for (const quad of quadsByFile.get(file) ?? []) {
      const line = await resizeForRec(await cropText(full, quad));
      lines.push(new ort.Tensor('float32', writeBgrPlanes(line.data, line.width, line.height, recNormalization), [1, 3, recHeight, line.width]));
    }
    out.push(lines);
  }
  return out;
}

/** Wall time per image of det session.run + one rec session.run per line, on prepared tensors. */
export async function rawOcrBlock(det: ort.InferenceSession, rec: ort.InferenceSession, detTensors: ort.Tensor[], recTensors: ort.Tensor[][]): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < detTensors.length; i++) {
    await det.run({ x: detTensors[i]! });
    for (const line of recTensors[i]!) await rec.run({ [rec.inputNames[0]!]: line });
  }
  return (performance.now() - start) / detTensors.length;
}
