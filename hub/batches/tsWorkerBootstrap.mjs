// Runs the TypeScript verifier worker when the hub runs from source (tsx,
// vitest): Node 20 cannot load .ts in a worker and the parent's loader hooks
// do not reach worker threads, so register tsx here first.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
