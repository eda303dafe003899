import ort from 'onnxruntime-node';
import { parentPort, workerData } from 'node:worker_threads';
import { toErrorPayload } from '../errors';
import { ModelRegistry } from './modelRegistry';
import type { ResultValue, WorkerMessage, WorkerOptions, WorkerRequest } from './protocol';
import { runBatch } from './runBatch';

/**
 * The worker thread that owns every onnxruntime session. session.run blocks
 * the thread it runs on, so it must not be the host's main thread. Requests
 * are answered by id; runs are serialised, decoding is not.
 */
const port = parentPort;
if (!port) throw new Error('inferenceWorker must run in a worker thread');
const options = (workerData as { options: WorkerOptions }).options;

// ORT's own native logging writes red lines to stderr for conditions we report ourselves (provider fallback).
ort.env.logLevel = 'fatal';

const send = (message: WorkerMessage) => port.postMessage(message);
const registry = new ModelRegistry(
  options.modelsDirs,
  {
    providers: options.providers,
    intraOpThreads: options.intraOpThreads,
    warn: (message) => send({ type: 'log', level: 'warn', message }),
  },
  (message) => send({ type: 'log', level: 'info', message }),
);

let sessionQueue: Promise<unknown> = Promise.resolve();
function exclusive<T>(work: () => Promise<T>): Promise<T> {
  const run = sessionQueue.then(work, work);
  sessionQueue = run.catch(() => undefined);
  return run;
}

const cancelled = new Set<number>();

async function handle(request: WorkerRequest): Promise<ResultValue> {
  switch (request.type) {
    case 'list':
      return registry.list();
    case 'load':
      return (await registry.load(request.modelId)).info;
    case 'predict': {
      const { runner } = await registry.load(request.modelId);
      const prepared = await runner.prepare(request.imagePath);
      return exclusive(() => runner.predict(prepared, request.thresholds));
    }
    case 'predictImage': {
      const { runner } = await registry.load(request.modelId);
      const prepared = await runner.prepare(request.image);
      return exclusive(() => runner.predict(prepared, request.thresholds));
    }
    case 'batch': {
      const { runner } = await registry.load(request.modelId);
      try {
        return await runBatch(runner, request.imagePaths, request.thresholds, exclusive, () => cancelled.has(request.id), (index, outcome) =>
          send({ type: 'item', id: request.id, index, imagePath: request.imagePaths[index]!, ...outcome }),
        );
      } finally {
        cancelled.delete(request.id);
      }
    }
    case 'cancel':
      cancelled.add(request.id);
      return null;
    case 'dispose':
      await exclusive(() => registry.dispose());
      return null;
  }
}

port.on('message', (request: WorkerRequest) => {
  handle(request).then(
    (value) => (request.type === 'cancel' ? undefined : send({ type: 'result', id: request.id, ok: true, value })),
    (error: unknown) => send({ type: 'result', id: request.id, ok: false, error: toErrorPayload(error) }),
  );
});
