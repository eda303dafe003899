import ort from 'onnxruntime-node';
import { unletterboxPoint } from '../../native/inference/decode/yolo';
import { dbDefaults, dbPostprocess } from '../../native/inference/ppocr/dbPostprocess';
import { imageRows, letterbox, letterboxTensor } from '../../native/inference/preprocess/letterbox';
import { toNchw } from '../../native/inference/preprocess/toNchw';
import { openImage } from '../../native/inference/preprocess/readImage';
import type { ModelManifest } from '../../native/inference/types';
import { median } from './stats';

export interface StageMedians {
  /** One libvips call: JPEG decode, auto-orient, fit-contain resize to 640×640, raw RGB (sharp.concurrency as set). */
  decodeLetterbox: number;
  /** HWC uint8 → normalised NCHW float32 (letterboxTensor, as the pipeline: JS on the calling thread, padding rows filled). */
  tensor: number;
  run: number;
  /** DB post-processing (dbPostprocess) + mapping quads back through the letterbox. */
  post: number;
  /** JSON.stringify of the image's pre-labels + one stream write (what the bench's writer does per image). */
  write: number;
  /** Before this change, same run: toNchw over every row, and DB post-processing over the whole 640×640 map (padding included). */
  tensorAllRows: number;
  postWholeMap: number;
  /** Text boxes found over all files: on the image rows (as the pipeline) and on the whole map. */
  boxes: number;
  boxesWholeMap: number;
  /** session.run while the next image's decode + letterbox runs on the libvips pool (what the pipeline's decode-ahead does to the run). */
  runWithDecode: number;
}

/**
 * Each stage of the det pipeline alone, one image at a time, on this thread,
 * over the same files: the cost of each stage when nothing overlaps it.
 */
export async function profileStages(session: ort.InferenceSession, manifest: ModelManifest, files: string[], write: (imagePath: string, value: unknown) => void): Promise<StageMedians> {
  const { width, height } = manifest.input;
  const t = { decodeLetterbox: [] as number[], tensor: [] as number[], run: [] as number[], post: [] as number[], write: [] as number[], tensorAllRows: [] as number[], postWholeMap: [] as number[] };
  let boxes = 0;
  let boxesWholeMap = 0;
  for (const file of files) {
    const t0 = performance.now();
    const boxed = await letterbox(openImage(file), width, height);
    const t1 = performance.now();
    const tensor = new ort.Tensor('float32', letterboxTensor(boxed, manifest.normalization), [1, 3, height, width]);
    const t2 = performance.now();
    const outputs = await session.run({ x: tensor });
    const t3 = performance.now();
    const prob = outputs[session.outputNames[0]!]!.data as Float32Array;
    const rows = imageRows(boxed.transform, height);
    const map = { width, height: rows.end - rows.start };
    const found = dbPostprocess(prob.subarray(rows.start * width, rows.end * width), map, map, { ...dbDefaults, boxThreshold: 0.6 });
    const mapped = found.map((d) => ({ score: d.score, quad: d.quad.map(([x, y]) => unletterboxPoint([x, y + rows.start], boxed.transform)) }));
    const t4 = performance.now();
    boxes += mapped.length;
    write(file, { width: boxed.transform.imageWidth, height: boxed.transform.imageHeight, predictions: mapped });
    const t5 = performance.now();
    const a0 = performance.now();
    toNchw(boxed.data, width, height, manifest.normalization);
    const a1 = performance.now();
    boxesWholeMap += dbPostprocess(prob, { width, height }, { width, height }, { ...dbDefaults, boxThreshold: 0.6 }).length;
    const a2 = performance.now();
    t.tensorAllRows.push(a1 - a0);
    t.postWholeMap.push(a2 - a1);
    t.decodeLetterbox.push(t1 - t0);
    t.tensor.push(t2 - t1);
    t.run.push(t3 - t2);
    t.post.push(t4 - t3);
    t.write.push(t5 - t4);
  }
  // Second pass: the same runs with the next image decoding beside them.
  const tensors = await Promise.all(files.slice(0, 2).map(async (f) => {
    const boxed = await letterbox(openImage(f), width, height);
    return new ort.Tensor('float32', letterboxTensor(boxed, manifest.normalization), [1, 3, height, width]);
  }));
  const withDecode: number[] = [];
  for (let i = 0; i < files.length; i++) {
    const next = letterbox(openImage(files[(i + 1) % files.length]!), width, height);
    const t0 = performance.now();
    await session.run({ x: tensors[i % 2]! });
    withDecode.push(performance.now() - t0);
    await next;
  }
  return { boxes, boxesWholeMap, tensorAllRows: median(t.tensorAllRows), postWholeMap: median(t.postWholeMap), runWithDecode: median(withDecode), decodeLetterbox: median(t.decodeLetterbox), tensor: median(t.tensor), run: median(t.run), post: median(t.post), write: median(t.write) };
}
