import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Eip712Domain } from '../../core/sync/eip712';
import { fastKeccakReady } from './fastKeccak';
import { verifyBatchBody, type BatchRejection, type VerifiedBatch, type VerifyLimits } from './verifyBatchBody';

/** Verifies raw batch bodies, on worker threads when `workers` > 0 (signature recovery and hashing are the CPU cost of ingest). */
export interface BatchVerifier {
  verify(raw: string): Promise<VerifiedBatch | BatchRejection>;
  close(): Promise<void>;
}

export interface VerifierOptions {
  domain: Eip712Domain;
  limits: VerifyLimits;
  /** 0 = main thread. */
  workers: number;
}

export function defaultVerifyWorkers(): number {
  return Math.max(1, Math.min(4, cpus().length - 1));
}

export function createBatchVerifier(options: VerifierOptions): BatchVerifier {
  if (options.workers <= 0) {
    const ready = fastKeccakReady();
    return {
      verify: async (raw) => {
        await ready;
        return verifyBatchBody(raw, options.domain, options.limits);
      },
      close: async () => undefined,
    };
  }
  return createWorkerPool(options);
}

interface Pending {
  resolve(v: VerifiedBatch | BatchRejection): void;
  reject(e: Error): void;
}

function createWorkerPool(options: VerifierOptions): BatchVerifier {
  const entry = new URL('./verifyWorker.ts', import.meta.url);
  const fromSource = import.meta.url.endsWith('.ts');
  const workerData = { domain: { ...options.domain, chainId: String(options.domain.chainId) }, limits: options.limits, entry: entry.href };
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let closed = false;
  const spawn = (): Worker => {
    const w = fromSource
      ? new Worker(fileURLToPath(new URL('./tsWorkerBootstrap.mjs', import.meta.url)), { workerData })
      : new Worker(fileURLToPath(new URL('./verifyWorker.js', import.meta.url)), { workerData });
    w.on('message', (m: { id: number; result: VerifiedBatch | BatchRejection }) => {
      const p = pending.get(m.id);
      pending.delete(m.id);
      inFlight.set(w, (inFlight.get(w) ?? 1) - 1);
      p?.resolve(m.result);
    });
    w.on('error', (e) => failAll(e));
    w.unref();
    return w;
  };
  const workers = Array.from({ length: options.workers }, spawn);
  const inFlight = new Map<Worker, number>(workers.map((w) => [w, 0]));
  const failAll = (e: Error) => {
    for (const [id, p] of pending) {
      pending.delete(id);
      p.reject(new Error(`batch verifier worker failed: ${e.message}`));
    }
  };
  return {
    verify(raw) {
      if (closed) return Promise.reject(new Error('batch verifier is closed'));
      // Least-loaded worker: bodies differ in size, so round-robin would queue behind a big one.
      let best = workers[0]!;
      for (const w of workers) if ((inFlight.get(w) ?? 0) < (inFlight.get(best) ?? 0)) best = w;
      const id = nextId++;
      inFlight.set(best, (inFlight.get(best) ?? 0) + 1);
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        best.postMessage({ id, raw });
      });
    },
    async close() {
      closed = true;
      failAll(new Error('closed'));
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
