import { toErrorPayload, type ErrorPayload } from '../errors';
import type { ModelRunner } from '../pipelines/runner';
import type { ImagePredictions, Thresholds } from '../types';
import type { BatchSummary } from './protocol';

export type ItemOutcome = { ok: true; value: ImagePredictions } | { ok: false; error: ErrorPayload };

/**
 * How many images are being decoded ahead of the one running. session.run
 * blocks this thread, so a decode chain (open → metadata → resize) only
 * advances in the short gaps between runs while libvips works on the pool
 * during the runs; three in flight keep the next one always ready.
 */
export const PREFETCH_DEPTH = 3;

/**
 * Predicts a list of images in order, decoding ahead while the session runs.
 * A failing image (corrupt file) is reported and the batch goes on; the
 * cancel check sits between images because a running session cannot be
 * interrupted (terminating the worker mid-run aborts the process).
 */
export async function runBatch(
  runner: ModelRunner,
  imagePaths: string[],
  thresholds: Thresholds,
  exclusive: <T>(work: () => Promise<T>) => Promise<T>,
  isCancelled: () => boolean,
  report: (index: number, outcome: ItemOutcome) => void,
): Promise<BatchSummary> {
  const prepared: Promise<{ ok: true; value: unknown } | { ok: false; error: ErrorPayload }>[] = [];
  const prepare = (index: number) => {
    if (index < imagePaths.length && !prepared[index]) {
      prepared[index] = runner.prepare(imagePaths[index]!).then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error: toErrorPayload(error) }),
      );
    }
  };
  const summary: BatchSummary = { completed: 0, failed: 0, cancelled: false };
  for (let i = 0; i < imagePaths.length; i++) {
    for (let ahead = 0; ahead <= PREFETCH_DEPTH; ahead++) prepare(i + ahead);
    const ready = await prepared[i]!;
    delete prepared[i]; // let the tensor go as soon as it has run
    if (isCancelled()) {
      summary.cancelled = true;
      break;
    }
    let outcome: ItemOutcome;
    if (ready.ok) {
      try {
        outcome = { ok: true, value: await exclusive(() => runner.predict(ready.value, thresholds)) };
      } catch (error) {
        outcome = { ok: false, error: toErrorPayload(error) };
      }
    } else {
      outcome = ready;
    }
    if (outcome.ok) summary.completed++;
    else summary.failed++;
    report(i, outcome);
  }
  // Decodes already started finish on their own; wait so no work outlives the batch.
  await Promise.all(prepared.filter(Boolean));
  return summary;
}
