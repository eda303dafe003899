import type { InferenceEngineOptions } from '../../../native/inference';
import type { InferenceEngine } from '../../../native/inference/types';

export type EngineOptions = InferenceEngineOptions;
export type EngineFactory = (options: EngineOptions) => InferenceEngine | Promise<InferenceEngine>;

/**
 * The engine is made on first use: starting its worker and onnxruntime costs
 * time and memory that a session which never pre-labels should not pay.
 */
export function createEngineHolder(factory: EngineFactory, options: EngineOptions) {
  let engine: Promise<InferenceEngine> | null = null;
  let disposed = false;
  return {
    /** The providers the user named (GROUNDWORK_EP or the caller); undefined means the platform default. */
    requestedProviders: options.providers,
    get(): Promise<InferenceEngine> {
      if (disposed) return Promise.reject(new Error('the inference engine has been shut down'));
      engine ??= Promise.resolve().then(() => factory(options));
      return engine;
    },
    async dispose(): Promise<void> {
      disposed = true;
      const made = engine;
      engine = null;
      if (made) await (await made.catch(() => null))?.dispose();
    },
  };
}

export type EngineHolder = ReturnType<typeof createEngineHolder>;
