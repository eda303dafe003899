// Runs the TypeScript worker when the engine itself runs from source (tsx,
// vitest): Node 20 cannot load .ts in a worker, and loader hooks registered
// in the parent do not reach worker threads, so register tsx here.
// Built hosts point the engine at the bundled .js worker and never load this.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
