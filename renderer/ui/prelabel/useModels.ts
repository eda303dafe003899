import { useEffect, useState } from 'react';
import type { LoadedModel, ModelSummary } from '../../../electron/common/services';
import { useHost } from '../../platform/HostContext';

export interface ModelsState {
  models: ModelSummary[];
  listError: string | null;
  /** The chosen model once loaded: the execution provider it runs on, and providers that failed first. */
  loaded: LoadedModel | null;
  loading: boolean;
  loadError: string | null;
  /** Confirms a proposed model (found without a manifest) with the user's corrections, then lists the models again. */
  confirmModel(manifestPath: string, corrections: { name: string; classes: string[] }): Promise<void>;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The host's models, and the chosen one loaded (so the provider shows before the first run). */
export function useModels(modelId: string | null): ModelsState {
  const host = useHost();
  const [models, setModels] = useState<ModelSummary[]>([]);
  const [listError, setListError] = useState<string | null>(null);
  const [listed, setListed] = useState(0);
  const [load, setLoad] = useState<{ loaded: LoadedModel | null; loading: boolean; loadError: string | null }>({ loaded: null, loading: false, loadError: null });

  useEffect(() => {
    let live = true;
    host.inference.listModels({}).then(
      (list) => live && setModels(list),
      (e: unknown) => live && setListError(message(e)),
    );
    return () => {
      live = false;
    };
  }, [host, listed]);

  async function confirmModel(manifestPath: string, corrections: { name: string; classes: string[] }) {
    await host.inference.confirmModel({ manifestPath, corrections });
    setListed((n) => n + 1);
  }

  const available = models.some((m) => m.id === modelId && m.available);
  useEffect(() => {
    if (!modelId || !available) {
      setLoad({ loaded: null, loading: false, loadError: null });
      return;
    }
    let live = true;
    setLoad({ loaded: null, loading: true, loadError: null });
    host.inference.loadModel({ modelId }).then(
      (loaded) => live && setLoad({ loaded, loading: false, loadError: null }),
      (e: unknown) => live && setLoad({ loaded: null, loading: false, loadError: message(e) }),
    );
    return () => {
      live = false;
    };
  }, [host, modelId, available]);

  return { models, listError, ...load, confirmModel };
}
