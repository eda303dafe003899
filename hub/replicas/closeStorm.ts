import type { RunningHub } from '../startHub';
import { call } from '../testKit';

/** What the concurrent closers were answered, by outcome. */
export interface CloseTally {
  /** Epochs a close answered 200 for, in the order the answers came. */
  closed: string[];
  /** 409s by code (epoch_close_in_progress, nothing_to_reward): the expected refusals of a close that lost the race. */
  refused: Record<string, number>;
  /** Anything else: a failure to report. */
  failures: string[];
}

export interface CloseStorm {
  /** Stops after the current round and answers what every close got. */
  stop(): Promise<CloseTally>;
}

/**
 * The operator presses "close" on every replica at once (directly, not
 * through the proxy), round after round every `intervalMs`, while the load
 * runs: one session advisory lock across processes must let one close
 * post and refuse the others.
 */
export function startCloseStorm(replicas: RunningHub[], operatorToken: string, intervalMs: number): CloseStorm {
  const tally: CloseTally = { closed: [], refused: {}, failures: [] };
  let running = true;
  const loop = (async () => {
    while (running) {
      const replies = await Promise.all(replicas.map((r) => call<{ epoch?: string; error?: string; message?: string }>(r, 'POST', '/epochs/close', { token: operatorToken })));
      for (const [i, res] of replies.entries()) {
        if (res.status === 200) tally.closed.push(res.body.epoch!);
        else if (res.status === 409 && (res.body.error === 'epoch_close_in_progress' || res.body.error === 'nothing_to_reward')) tally.refused[res.body.error] = (tally.refused[res.body.error] ?? 0) + 1;
        else tally.failures.push(`replica ${i + 1}: ${res.status} ${res.body?.error}: ${res.body?.message}`);
      }
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return tally;
    },
  };
}
