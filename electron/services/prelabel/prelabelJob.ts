import type { ItemPredictions } from '../../common/services/inferenceService';
import type { JobParams, PrelabelJobResult } from '../../common/services/jobsService';
import type { ItemPredictor } from '../inference/itemPredictor';
import { createEta } from '../jobs/etaMessage';
import type { JobFolders } from '../jobs/jobFolders';
import type { JobHandler } from '../jobs/jobRunner';
import { tally } from '../jobs/persistedJobs';
import type { RootStore } from '../media/rootStore';
import { failedItem, failsWholeJob } from './itemFailure';
import { failuresOf } from './prelabelFailures';
import { runWindowed } from './runWindowed';

type PrelabelParams = Extract<JobParams, { kind: 'prelabel' }>;

/** Two predictions in flight: the engine decodes the next image while the current one runs. */
const PREDICT_WINDOW = 2;

export interface PrelabelJobDeps {
  roots: RootStore;
  predictor: ItemPredictor;
  folders: JobFolders;
  /** Publishes `jobs.itemResult` once the item's line is in results.jsonl. */
  onItemResult(event: { jobId: string; index: number; result: ItemPredictions }): void;
  /** The host log; a failed image is written here with its reason. Default: console.warn. */
  warn?(message: string): void;
}

/**
 * The 'prelabel' job: runs the model over the listed items, appending each
 * outcome to the job's results.jsonl as it finishes. A resumed job reads that
 * file first and runs only the items not yet in it. An item that fails
 * (corrupt image, or a decoder that throws on it) is recorded with its
 * reason, logged on the host, and the run goes on; a model that cannot load,
 * or an engine that is gone, fails the job (see itemFailure.ts). The result
 * lists every failed item with its reason, so "Retry failed" needs nothing else.
 */
export function createPrelabelJob(deps: PrelabelJobDeps): JobHandler<PrelabelParams> {
  const warn = deps.warn ?? ((message: string) => console.warn(message));
  return async (params, { jobId, signal, progress }) => {
    const total = params.items.length;
    const log = deps.folders.log(jobId);
    const { doneItems, failed: failedBefore } = tally(await log.readAll());
    let done = doneItems.size;
    let failed = failedBefore;
    const eta = createEta(total, done);
    progress(done, total, `loading model ${params.modelId}`, failed);
    const rootPath = await deps.roots.pathOf(params.rootId);
    const loaded = await deps.predictor.load(params.modelId);
    progress(done, total, eta(done, failed), failed);

    const pending = params.items.map((_, position) => position).filter((position) => !doneItems.has(position));
    const appender = await log.openAppender();
    try {
      await runWindowed(
        pending,
        PREDICT_WINDOW,
        signal,
        (position) => {
          const { itemId, relPath } = params.items[position]!;
          return deps.predictor.predict({ modelId: params.modelId, rootPath, itemId, relPath, thresholds: params.thresholds }).catch((error: unknown) => {
            if (failsWholeJob(error)) throw error;
            return failedItem(itemId, relPath, error);
          });
        },
        async (position, result) => {
          const index = await appender.append({ item: position, result });
          done++;
          if (!result.ok) {
            failed++;
            warn(`groundwork: prelabel job ${jobId}: ${params.items[position]!.relPath} failed, the job goes on: ${result.error}`);
          }
          deps.onItemResult({ jobId, index, result });
          progress(done, total, eta(done, failed), failed);
        },
      );
    } finally {
      await appender.close();
    }
    signal.throwIfAborted();
    const failures = failuresOf(params.items, await log.readAll());
    const result: PrelabelJobResult = { modelId: params.modelId, provider: loaded.provider, items: total, failed: failures.length, failures };
    return result;
  };
}
