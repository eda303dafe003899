import type { ItemPredictions, LoadedModel } from '../../common/services/inferenceService';
import type { Thresholds } from '../../../native/inference/types';
import { MediaError } from '../media/mediaErrors';
import { resolveMediaPath } from '../media/resolveMediaPath';
import type { EngineHolder } from './engineHolder';

export interface PredictRequest {
  modelId: string;
  /** Real path of the granted root (RootStore.pathOf). */
  rootPath: string;
  itemId: string;
  relPath: string;
  thresholds: Thresholds;
}

/**
 * Pre-labels one media item with the engine; shared by `inference.predictItem`
 * and the 'prelabel' job so both treat items and errors alike. A problem of
 * the item's own file (missing, refused by the media resolver, undecodable)
 * becomes `{ ok: false, error }`; a model or engine problem is thrown with
 * the engine's message, since it would fail every other item too.
 * The engine itself logs which execution provider loaded and why others did not.
 */
export function createItemPredictor(engines: EngineHolder) {
  return {
    async load(modelId: string): Promise<LoadedModel> {
      const { provider, fallbacks } = await (await engines.get()).load(modelId);
      // A GPU provider the platform default merely tried is not news on a machine without a GPU (the engine logs it);
      // one the user asked for by name and did not get is, so only those are reported.
      const asked = new Set(engines.requestedProviders ?? []);
      return { modelId, provider, fallbacks: fallbacks.filter((f) => asked.has(f.provider)) };
    },
    async predict({ modelId, rootPath, itemId, relPath, thresholds }: PredictRequest): Promise<ItemPredictions> {
      let file: string | undefined;
      try {
        file = (await resolveMediaPath(rootPath, relPath)).file;
        const predicted = await (await engines.get()).predictFile(modelId, file, thresholds);
        return { ok: true, itemId, width: predicted.width, height: predicted.height, predictions: predicted.predictions };
      } catch (error) {
        if (error instanceof MediaError) return { ok: false, itemId, error: error.message };
        if (error instanceof Error && error.name === 'ImageDecodeError') {
          // The renderer knows the item by its relative path; the host's absolute path means nothing there.
          return { ok: false, itemId, error: file ? error.message.split(file).join(relPath) : error.message };
        }
        throw error;
      }
    },
  };
}

export type ItemPredictor = ReturnType<typeof createItemPredictor>;
