import { Worker } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fromErrorPayload } from './errors';
import { ItemStream } from './client/itemStream';
import { providerChain } from './session/providers';
import type { ResultValue, WorkerMessage, WorkerOptions, WorkerRequest } from './worker/protocol';
import type { BatchItem, ImagePredictions, InferenceEngine, LoadedModelInfo, ModelListing, Thresholds } from './types';

export interface InferenceEngineOptions {
  /** Folders holding `*.json` manifests (missing folders are fine). Earlier folders win on duplicate ids. */
  modelsDirs: string[];
  /** Execution providers to try in order; CPU is always added last. Default: by platform (see session/providers.ts). */
  providers?: string[];
  /** onnxruntime intra-op threads per session; default: onnxruntime's choice (all cores). */
  intraOpThreads?: number;
  log?: (level: 'info' | 'warn', message: string) => void;
  /**
   * The worker script. Default: ./worker/inferenceWorker.ts next to this file
   * (run through tsx). A bundled host passes its built worker .js here.
   */
  workerEntry?: string | URL;
}

type Pending = { resolve: (value: ResultValue) => void; reject: (error: Error) => void; stream?: ItemStream<BatchItem>; settled: Promise<unknown> };
type RequestBody = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

const defaultLog = (level: 'info' | 'warn', message: string) => (level === 'warn' ? console.warn : console.info)(`inference: ${message}`);

/**
 * The main-thread side of the engine: a thin client that forwards requests to
 * the inference worker by id. The worker starts on first use and is stopped
 * by dispose(), which waits for running work instead of killing it.
 */
export function createInferenceEngine(options: InferenceEngineOptions): InferenceEngine {
  const log = options.log ?? defaultLog;
  const workerOptions: WorkerOptions = { modelsDirs: options.modelsDirs, providers: providerChain(options.providers), intraOpThreads: options.intraOpThreads };
  const pending = new Map<number, Pending>();
  let worker: Worker | undefined;
  let nextId = 1;
  let disposed = false;

  const failAll = (error: Error) => {
    for (const [id, p] of pending) {
      pending.delete(id);
      p.stream?.end(error);
      p.reject(error);
    }
  };

  const onMessage = (message: WorkerMessage) => {
    if (message.type === 'log') return log(message.level, message.message);
    const p = pending.get(message.id);
    if (!p) return;
    if (message.type === 'item') {
      p.stream?.push(message.ok ? { index: message.index, imagePath: message.imagePath, ok: true, result: message.value } : { index: message.index, imagePath: message.imagePath, ok: false, error: fromErrorPayload(message.error) });
      return;
    }
    pending.delete(message.id);
    if (pending.size === 0) worker?.unref();
    if (message.ok) {
      p.stream?.end();
      p.resolve(message.value);
    } else {
      const error = fromErrorPayload(message.error);
      p.stream?.end(error);
      p.reject(error);
    }
  };

  const startWorker = (): Worker => {
    const entry = options.workerEntry ?? new URL('./worker/inferenceWorker.ts', import.meta.url);
    const entryUrl = entry instanceof URL ? entry : pathToFileURL(entry);
    const fromSource = entryUrl.pathname.endsWith('.ts');
    const started = fromSource
      ? new Worker(fileURLToPath(new URL('./worker/tsWorkerBootstrap.mjs', import.meta.url)), { workerData: { entry: entryUrl.href, options: workerOptions } })
      : new Worker(fileURLToPath(entryUrl), { workerData: { options: workerOptions } });
    started.on('message', onMessage);
    started.on('error', (error) => {
      log('warn', `inference worker failed: ${error.message}`);
      failAll(error);
    });
    started.on('exit', (code) => {
      if (worker === started) worker = undefined;
      failAll(new Error(`inference worker exited (code ${code})`));
    });
    return started;
  };

  const request = (body: RequestBody, stream?: ItemStream<BatchItem>): { id: number; done: Promise<ResultValue> } => {
    if (disposed) throw new Error('the inference engine has been disposed');
    worker ??= startWorker();
    worker.ref(); // an outstanding request keeps the process alive; an idle worker does not
    const id = nextId++;
    let settle!: Pick<Pending, 'resolve' | 'reject'>;
    const done = new Promise<ResultValue>((resolve, reject) => (settle = { resolve, reject }));
    pending.set(id, { ...settle, stream, settled: done.catch(() => undefined) });
    worker.postMessage({ ...body, id } as WorkerRequest);
    return { id, done };
  };

  const call = async (body: RequestBody) => request(body).done;

  return {
    listModels: async () => (await call({ type: 'list' })) as ModelListing[],
    load: async (modelId) => (await call({ type: 'load', modelId })) as LoadedModelInfo,
    predictFile: async (modelId, imagePath, thresholds) => (await call({ type: 'predict', modelId, imagePath, thresholds })) as ImagePredictions,
    predictImage: async (modelId, image, thresholds) => (await call({ type: 'predictImage', modelId, image, thresholds })) as ImagePredictions,
    predictFiles(modelId: string, imagePaths: string[], thresholds: Thresholds, opts?: { signal?: AbortSignal }): AsyncIterable<BatchItem> {
      let batchId = 0;
      const cancel = () => worker?.postMessage({ type: 'cancel', id: batchId } satisfies WorkerRequest);
      const stream = new ItemStream<BatchItem>(cancel);
      if (opts?.signal?.aborted) {
        stream.end();
        return stream;
      }
      let sent: ReturnType<typeof request>;
      try {
        sent = request({ type: 'batch', modelId, imagePaths, thresholds }, stream);
      } catch (error) {
        stream.end(error);
        return stream;
      }
      const { id, done } = sent;
      batchId = id;
      opts?.signal?.addEventListener('abort', cancel, { once: true });
      done.catch(() => undefined).finally(() => opts?.signal?.removeEventListener('abort', cancel));
      return stream;
    },
    async dispose() {
      if (disposed) return;
      const running = worker;
      if (running) {
        for (const [id, p] of pending) if (p.stream) running.postMessage({ type: 'cancel', id } satisfies WorkerRequest);
        await Promise.all([...pending.values()].map((p) => p.settled));
        await request({ type: 'dispose' }).done.catch(() => undefined);
      }
      disposed = true;
      worker = undefined;
      // The worker is idle now (no run in progress), the one state in which terminate() is safe.
      await running?.terminate();
    },
  };
}
