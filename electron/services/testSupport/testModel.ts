// A tiny YOLO-v8-layout detector for host tests: a real ONNX graph (built by
// the engine's test support), run by the real onnxruntime in the real engine
// worker, whose output is a constant we chose, so the expected boxes are
// known exactly.
import { mkdir } from 'node:fs/promises';
import { constantOutputModel, yoloV8Output } from '../../../native/inference/testSupport/constantOutputModel';
import { dropModel, yoloManifest } from '../../../native/inference/testSupport/modelFixture';

export const TEST_MODEL_ID = 'test-yolo';
const INPUT = 64;

/** Anchors in the 64×64 model input. The third overlaps the first and loses NMS. */
const ANCHORS = [
  { cx: 20, cy: 20, w: 10, h: 10, scores: [0.9, 0.1] },
  { cx: 40, cy: 40, w: 16, h: 8, scores: [0.05, 0.8] },
  { cx: 21, cy: 20, w: 10, h: 10, scores: [0.6, 0] },
];

/**
 * What the model predicts on an image of `width` × `height` pixels at the
 * default thresholds: the letterbox scales by min(64/width, 64/height) and
 * centres the image, so every model coordinate maps back through that.
 */
export function expectedPredictionsFor(width: number, height: number) {
  const scale = Math.min(INPUT / width, INPUT / height);
  const padX = Math.floor((INPUT - Math.round(width * scale)) / 2);
  const padY = Math.floor((INPUT - Math.round(height * scale)) / 2);
  const box = (x: number, y: number, w: number, h: number) => ({ x: (x - padX) / scale, y: (y - padY) / scale, w: w / scale, h: h / scale });
  return [
    { className: 'cat', classIndex: 0, score: 0.9, box: box(15, 15, 10, 10) },
    { className: 'dog', classIndex: 1, score: 0.8, box: box(32, 36, 16, 8) },
  ];
}

/** On a square image of `side` pixels (no padding). */
export function expectedPredictions(side: number) {
  return expectedPredictionsFor(side, side);
}

/** Writes the model and its manifest into `modelsDir` (created if needed), the way a user drops a model in. */
export async function installTestModel(modelsDir: string): Promise<void> {
  const { values, dims } = yoloV8Output(ANCHORS, 2);
  await mkdir(modelsDir, { recursive: true });
  const manifest = yoloManifest(TEST_MODEL_ID, { name: 'Test detector (constant head)', input: { name: 'images', width: INPUT, height: INPUT, size: 'fixed' } });
  await dropModel(modelsDir, manifest, constantOutputModel(values, dims, { inputDims: [1, 3, INPUT, INPUT] }));
}
