import { parentPort, workerData } from 'node:worker_threads';
import { verifyBatchBody, type VerifyLimits } from './verifyBatchBody';
import { fastKeccakReady } from './fastKeccak';
import type { Eip712Domain } from '../../core/sync/eip712';

// One verifier thread: raw JSON text in, a verified batch or a rejection out.
const { domain, limits } = workerData as { domain: Eip712Domain; limits: VerifyLimits };
const port = parentPort!;
// Messages wait in the port until the listener below is attached, so none is lost while WASM loads.
await fastKeccakReady();
port.on('message', (m: { id: number; raw: string }) => {
  let result;
  try {
    result = verifyBatchBody(m.raw, domain, limits);
  } catch (e) {
    result = { ok: false as const, status: 500, code: 'internal', message: `batch verification failed: ${(e as Error).message}` };
  }
  port.postMessage({ id: m.id, result });
});
