import ort from 'onnxruntime-node';
import { ModelLoadError } from '../errors';
import { outputLayoutProblem } from '../session/checkModel';
import type { OpenedSession } from '../session/openSession';
import { decodeYolo, type YoloLayout } from '../decode/yolo';
import { letterbox, letterboxTensor, type LetterboxTransform } from '../preprocess/letterbox';
import { openImage } from '../preprocess/readImage';
import type { ModelManifest } from '../types';
import { elapsedSince, type ModelRunner } from './runner';

interface PreparedYolo {
  tensor: ort.Tensor;
  transform: LetterboxTransform;
  decodeMs: number;
}

/** YOLO detection: letterbox → NCHW → run → decode v5/v8 head → NMS → original pixels. */
export function createYoloRunner(manifest: ModelManifest, opened: OpenedSession): ModelRunner<PreparedYolo> {
  const { session } = opened;
  const { name: inputName, width, height } = manifest.input;
  const outputName = session.outputNames[0]!;
  let outputChecked = false;
  return {
    async prepare(source) {
      const start = performance.now();
      const image = openImage(source);
      const boxed = await letterbox(image, width, height);
      const tensor = new ort.Tensor('float32', letterboxTensor(boxed, manifest.normalization), [1, 3, height, width]);
      return { tensor, transform: boxed.transform, decodeMs: elapsedSince(start) };
    },
    async predict(prepared, thresholds) {
      const runStart = performance.now();
      const outputs = await session.run({ [inputName]: prepared.tensor });
      const inferMs = elapsedSince(runStart);
      const postStart = performance.now();
      const output = outputs[outputName] as ort.Tensor;
      if (!outputChecked) {
        // Symbolic output dims pass the load-time check; the first real output settles it.
        const problem = outputLayoutProblem(manifest, outputName, output.dims);
        if (problem) throw new ModelLoadError(`model '${manifest.id}': ${problem}`);
        outputChecked = true;
      }
      const predictions = decodeYolo(manifest.decoder as YoloLayout, { data: output.data as Float32Array, dims: output.dims }, manifest.classes, thresholds, prepared.transform);
      return {
        width: prepared.transform.imageWidth,
        height: prepared.transform.imageHeight,
        predictions,
        timings: { decodeMs: prepared.decodeMs, inferMs, postMs: elapsedSince(postStart) },
      };
    },
  };
}
