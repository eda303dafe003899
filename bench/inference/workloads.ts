import { createWriteStream, type WriteStream } from 'node:fs';
import ort from 'onnxruntime-node';
import type { InferenceEngine, Thresholds } from '../../native/inference/types';
import { letterbox, letterboxTensor } from '../../native/inference/preprocess/letterbox';
import { openImage } from '../../native/inference/preprocess/readImage';
import type { ModelManifest } from '../../native/inference/types';

/** Input tensors made before timing starts: the raw baseline pays for nothing but session.run. */
export async function tensorsInAdvance(files: string[], manifest: ModelManifest): Promise<ort.Tensor[]> {
  const { width, height } = manifest.input;
  const tensors: ort.Tensor[] = [];
  for (const file of files) {
    const boxed = await letterbox(openImage(file), width, height);
    tensors.push(new ort.Tensor('float32', letterboxTensor(boxed, manifest.normalization), [1, 3, height, width]));
  }
  return tensors;
}

/** Wall time per image of plain session.run over the prepared tensors. */
export async function rawBlock(session: ort.InferenceSession, inputName: string, tensors: ort.Tensor[]): Promise<number> {
  const start = performance.now();
  for (const tensor of tensors) await session.run({ [inputName]: tensor });
  return (performance.now() - start) / tensors.length;
}

/** Appends one JSON line per image: what a pre-label job hands the store. */
export function prelabelWriter(file: string): { write: (imagePath: string, value: unknown) => void; close: () => Promise<void>; stream: WriteStream } {
  const stream = createWriteStream(file, { flags: 'a' });
  return {
    stream,
    write: (imagePath, value) => stream.write(`${JSON.stringify({ imagePath, ...(value as object) })}\n`),
    close: () => new Promise((resolve) => stream.end(resolve)),
  };
}

/**
 * Wall time per image of the whole pipeline: decode, preprocess, run, decode
 * outputs, write pre-labels; decoding of the next images overlaps the run.
 */
export async function pipelineBlock(
  engine: InferenceEngine,
  modelId: string,
  files: string[],
  thresholds: Thresholds,
  write: (imagePath: string, value: unknown) => void,
  onItem?: (done: number) => void,
): Promise<{ perImageMs: number; firstItemMs: number; boxes: number; failed: number; stages: { decodeMs: number; inferMs: number; postMs: number } }> {
  const start = performance.now();
  const stages = { decodeMs: 0, inferMs: 0, postMs: 0 };
  let boxes = 0;
  let failed = 0;
  let done = 0;
  let firstItemMs = 0;
  for await (const item of engine.predictFiles(modelId, files, thresholds)) {
    if (item.ok) {
      boxes += item.result.predictions.length;
      for (const key of ['decodeMs', 'inferMs', 'postMs'] as const) stages[key] += item.result.timings[key] / files.length;
      write(item.imagePath, { width: item.result.width, height: item.result.height, predictions: item.result.predictions });
    } else {
      failed++;
    }
    if (done === 0) firstItemMs = performance.now() - start;
    done++; // not inside onItem?.(…): an optional call skips its arguments when there is no callback
    onItem?.(done);
  }
  return { perImageMs: (performance.now() - start) / files.length, firstItemMs, boxes, failed, stages };
}
