import type { ItemPredictions } from '../../common/services/inferenceService';
import { failedItem, failsWholeJob } from './itemFailure';
import { runWindowed } from './runWindowed';

/** Two predictions in flight: the engine decodes the next image while the current one runs. */
const PREDICT_WINDOW = 2;

export interface PredictItemsOptions<T> {
  items: readonly T[];
  signal: AbortSignal;
  /** How the user knows the item: its id and its path (in the media folder, or as given on the command line). */
  describe(item: T): { itemId: string; relPath: string };
  /** Predicts one image; may throw for a problem of that image (it is recorded, see itemFailure.ts). */
  predict(item: T): Promise<ItemPredictions>;
  /** Called in item order, one at a time, with each outcome (failed images included). */
  onResult(item: T, result: ItemPredictions): Promise<void> | void;
}

/**
 * The pre-label pipeline over many images, shared by the background job and
 * the headless CLI so both decide alike which failures belong to one image
 * (recorded, the run goes on) and which stop the run (the model, the engine).
 * Cancelling stops between images; the ones already running finish.
 */
export function predictItems<T>(options: PredictItemsOptions<T>): Promise<void> {
  return runWindowed(
    options.items,
    PREDICT_WINDOW,
    options.signal,
    (item) =>
      options.predict(item).catch((error: unknown) => {
        if (failsWholeJob(error)) throw error;
        const { itemId, relPath } = options.describe(item);
        return failedItem(itemId, relPath, error);
      }),
    async (item, result) => options.onResult(item, result),
  );
}
