import path from 'node:path';
import type { ServiceImpl } from '../../common/contract/defineService';
import type { inferenceService, ModelSummary } from '../../common/services/inferenceService';
import { confirmProposedManifest } from '../../../native/inference';
import type { ModelListing } from '../../../native/inference/types';
import { ServiceError } from '../../common/contract/errors';
import type { RootStore } from '../media/rootStore';
import type { EngineHolder } from './engineHolder';
import type { ItemPredictor } from './itemPredictor';

/** Tasks that find things in an image by themselves; a recognizer only reads crops a detector found. */
const RUNS_ALONE = new Set(['detect', 'text-detect', 'ocr']);

/**
 * A manifest that did not parse still appears (available: false, with its
 * problems) so the user sees why the model they dropped in is missing; it is
 * named after its file because it has no readable id.
 */
export function summarize(listing: ModelListing): ModelSummary {
  const { manifest, manifestPath, problems } = listing;
  const proposal = {
    needsConfirmation: listing.needsConfirmation === true,
    ...(listing.readFromModel
      ? {
          readFromModel: {
            metadata: listing.readFromModel.metadata,
            classes: listing.readFromModel.classes,
            inputSize: listing.readFromModel.inputSize,
            decoder: listing.readFromModel.decoder,
            decoderReason: listing.readFromModel.decoderReason,
            notes: listing.readFromModel.notes,
          },
        }
      : {}),
  };
  if (!manifest) {
    const stem = path.basename(manifestPath, '.json');
    return { id: stem, name: stem, task: 'unknown', classes: [], defaults: { confidence: 0, iou: 0 }, available: false, problems, manifestPath, runsAlone: false, ...proposal };
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
    runsAlone: RUNS_ALONE.has(manifest.task),
    ...proposal,
  };
}

export function createInferenceService(engines: EngineHolder, predictor: ItemPredictor, roots: RootStore): ServiceImpl<typeof inferenceService> {
  return {
    listModels: async () => (await (await engines.get()).listModels()).map(summarize),
    confirmModel: async ({ manifestPath, corrections }) => {
      const engine = await engines.get();
      // Only a proposal the engine itself listed: the renderer never chooses where a file is written.
      const listing = (await engine.listModels()).find((l) => l.manifestPath === manifestPath && l.needsConfirmation && l.manifest);
      if (!listing?.manifest) throw new ServiceError(`no proposed model waits for confirmation at ${manifestPath}`, { code: 'not-found' });
      const written = await confirmProposedManifest(listing.manifest, manifestPath, corrections);
      const confirmed = (await engine.listModels()).find((l) => l.manifest?.id === written.id && !l.needsConfirmation);
      return summarize(confirmed ?? { manifestPath, manifest: written, problems: [] });
    },
    loadModel: async ({ modelId }) => predictor.load(modelId),
    predictItem: async ({ modelId, rootId, itemId, relPath, thresholds }) =>
      predictor.predict({ modelId, rootPath: await roots.pathOf(rootId), itemId, relPath, thresholds }),
  };
}
