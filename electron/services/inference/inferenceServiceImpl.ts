import path from 'node:path';
import type { ServiceImpl } from '../../common/contract/defineService';
import type { inferenceService, ModelSummary } from '../../common/services/inferenceService';
import type { ModelListing } from '../../../native/inference/types';
import type { RootStore } from '../media/rootStore';
import type { EngineHolder } from './engineHolder';
import type { ItemPredictor } from './itemPredictor';

/**
 * A manifest that did not parse still appears (available: false, with its
 * problems) so the user sees why the model they dropped in is missing; it is
 * named after its file because it has no readable id.
 */
export function summarize(listing: ModelListing): ModelSummary {
  const { manifest, manifestPath, problems } = listing;
  if (!manifest) {
    const stem = path.basename(manifestPath, '.json');
    return { id: stem, name: stem, task: 'unknown', classes: [], defaults: { confidence: 0, iou: 0 }, available: false, problems, manifestPath };
  }
  return {
    id: manifest.id,
    name: manifest.name,
    task: manifest.task,
    classes: manifest.classes,
    defaults: manifest.defaults,
    available: problems.length === 0,
    problems,
    manifestPath,
  };
}

export function createInferenceService(engines: EngineHolder, predictor: ItemPredictor, roots: RootStore): ServiceImpl<typeof inferenceService> {
  return {
    listModels: async () => (await (await engines.get()).listModels()).map(summarize),
    loadModel: async ({ modelId }) => predictor.load(modelId),
    predictItem: async ({ modelId, rootId, itemId, relPath, thresholds }) =>
      predictor.predict({ modelId, rootPath: await roots.pathOf(rootId), itemId, relPath, thresholds }),
  };
}
