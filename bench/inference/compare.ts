import type { InferenceEngine, Thresholds } from '../../native/inference/types';
import { median } from './stats';
import { pipelineBlock } from './workloads';

export interface Comparison {
  /** Medians over blocks of per-image wall time. */
  rawMs: number;
  pipelineMs: number;
  /** Median of the per-block ratios pipeline / raw (each pair measured back to back). */
  ratio: number;
  /** In-pipeline timings reported by the runner, medians over blocks of the block mean. */
  stages: { decode: number; infer: number; post: number };
  /**
   * Pipeline fill: wall time to the first item of a block (its decode and
   * tensor cannot overlap an earlier run), median over blocks, and the median
   * per-image time of the rest of the block (steady state).
   */
  firstItemMs: number;
  steadyMs: number;
  predictionsPerImage: number;
  failed: number;
}

/**
 * Alternating blocks: raw baseline over images [start, start + block), then
 * the full pipeline over the same files, so noise from the shared machine
 * hits both sides alike.
 */
export async function compareBlocks(options: {
  engine: InferenceEngine;
  modelId: string;
  files: string[];
  block: number;
  rounds: number;
  thresholds: Thresholds;
  raw: (start: number, end: number) => Promise<number>;
  write: (imagePath: string, value: unknown) => void;
}): Promise<Comparison> {
  const { engine, modelId, files, block, rounds, thresholds, raw, write } = options;
  // Warm-up: JIT, allocator and libvips caches on both sides.
  await raw(0, Math.min(3, files.length));
  await pipelineBlock(engine, modelId, files.slice(0, 3), thresholds, () => {});
  const rawTimes: number[] = [];
  const pipeTimes: number[] = [];
  const ratios: number[] = [];
  const first: number[] = [];
  const steady: number[] = [];
  const stages = { decode: [] as number[], infer: [] as number[], post: [] as number[] };
  let predictions = 0;
  let failed = 0;
  for (let round = 0; round < rounds; round++) {
    for (let start = 0; start < files.length; start += block) {
      const end = Math.min(files.length, start + block);
      const r = await raw(start, end);
      const p = await pipelineBlock(engine, modelId, files.slice(start, end), thresholds, write);
      rawTimes.push(r);
      pipeTimes.push(p.perImageMs);
      ratios.push(p.perImageMs / r);
      first.push(p.firstItemMs);
      if (end - start > 1) steady.push((p.perImageMs * (end - start) - p.firstItemMs) / (end - start - 1));
      predictions += p.boxes;
      failed += p.failed;
      stages.decode.push(p.stages.decodeMs);
      stages.infer.push(p.stages.inferMs);
      stages.post.push(p.stages.postMs);
    }
  }
  return {
    rawMs: median(rawTimes),
    pipelineMs: median(pipeTimes),
    ratio: median(ratios),
    firstItemMs: median(first),
    steadyMs: median(steady),
    stages: { decode: median(stages.decode), infer: median(stages.infer), post: median(stages.post) },
    predictionsPerImage: predictions / (rounds * files.length),
    failed,
  };
}

export const perSecond = (msPerImage: number) => 1000 / msPerImage;
