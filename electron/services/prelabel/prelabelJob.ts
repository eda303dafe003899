import type { ItemPredictions } from '../../common/services/inferenceService';
import type { JobParams, PrelabelJobResult } from '../../common/services/jobsService';
import type { ItemPredictor } from '../inference/itemPredictor';
import { createEta } from '../jobs/etaMessage';
import type { JobFolders } from '../jobs/jobFolders';
import type { JobHandler } from '../jobs/jobRunner';
import { tally } from '../jobs/persistedJobs';
import type { RootStore } from '../media/rootStore';
import { predictItems } from './predictItems';
import { createFailureList } from './prelabelFailures';

type PrelabelParams = Extract<JobParams, { kind: 'prelabel' }>;

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
  const handler: JobHandler<PrelabelParams> = async (params, { jobId, signal, progress }) => {
    const total = params.items.length;
    const log = deps.folders.log(jobId);
    const recorded = await log.readAll();
    const { doneItems, failed: failedBefore } = tally(recorded);
    const failures = createFailureList(params.items, recorded);
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
      await predictItems({
        items: pending,
        signal,
        describe: (position) => params.items[position]!,
        predict: (position) => {
          const { itemId, relPath } = params.items[position]!;
          return deps.predictor.predict({ modelId: params.modelId, rootPath, itemId, relPath, thresholds: params.thresholds });
        },
        onResult: async (position, result) => {
          const index = await appender.append({ item: position, result });
          done++;
          if (!result.ok) {
            failed++;
            failures.add(position, result.error);
            warn(`groundwork: prelabel job ${jobId}: ${params.items[position]!.relPath} failed, the job goes on: ${result.error}`);
          }
          deps.onItemResult({ jobId, index, result });
          progress(done, total, eta(done, failed), failed);
        },
      });
    } finally {
      await appender.close();
    }
    signal.throwIfAborted();
    const result: PrelabelJobResult = { modelId: params.modelId, provider: loaded.provider, items: total, failed, failures: failures.list() };
    return result;
  };
  // A job that stops as a whole says why on the host too, not only in its state.
  return (params, context) =>
    handler(params, context).catch((error: unknown) => {
      if (!context.signal.aborted) warn(`groundwork: prelabel job ${context.jobId} stopped: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    });
}
