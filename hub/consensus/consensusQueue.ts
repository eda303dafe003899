import type { HubContext } from '../context';
import { finalizeItems } from './finalizeItems';

/**
 * Consensus off the request path. POST /batches answers as soon as the batch
 * is stored and hands its items here; rounds run in the background, each
 * deciding the items that now have k submissions. Nothing is lost if the hub
 * stops with items waiting: which items are ready is derived from the
 * database (`finalizeReadyItems`, run at start and before every epoch
 * close), so the queue is only a fast path, never the record.
 */
export interface ConsensusQueue {
  /** Items that just got a submission (any of them may now be complete). */
  add(itemIds: readonly string[]): void;
  /** Resolves when every item added so far has been decided or found not ready. */
  idle(): Promise<void>;
  /** Resolves once this item is not waiting in the queue: reads after it see its consensus. */
  settled(itemId: string): Promise<void>;
  /** Stops taking items and waits for the running round. */
  close(): Promise<void>;
}

/** Items per round: bounds the size of one round's queries and keeps a round short. */
const ROUND_SIZE = 4000;

export function createConsensusQueue(ctx: Pick<HubContext, 'db' | 'config'>, onError: (e: Error) => void = (e) => console.error(`hub consensus: ${e.message} (the items are decided at the next start or epoch close)`)): ConsensusQueue {
  let waiting = new Set<string>();
  let running: Set<string> = new Set();
  let loop: Promise<void> | null = null;
  let closed = false;
  // Resolves when the round after the current one ends: what an item added now waits for.
  let nextRound = deferred();
  let thisRound: Promise<void> = Promise.resolve();

  const run = async () => {
    // Let the response that queued these items go out first.
    await new Promise((r) => setImmediate(r));
    while (waiting.size > 0) {
      const all = [...waiting];
      running = new Set(all.slice(0, ROUND_SIZE));
      waiting = new Set(all.slice(ROUND_SIZE));
      const done = nextRound;
      thisRound = done.promise;
      nextRound = deferred();
      try {
        await finalizeItems(ctx, [...running]);
      } catch (e) {
        onError(e as Error);
      }
      running = new Set();
      done.resolve();
    }
    loop = null;
  };

  return {
    add(itemIds) {
      if (closed) return;
      for (const id of itemIds) waiting.add(id);
      loop ??= run();
    },
    async idle() {
      while (loop) await loop;
    },
    async settled(itemId) {
      if (running.has(itemId)) await thisRound;
      if (waiting.has(itemId)) await nextRound.promise;
    },
    async close() {
      closed = true;
      while (loop) await loop;
    },
  };
}

function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
