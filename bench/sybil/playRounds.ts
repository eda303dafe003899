import type { HDNodeWallet } from 'ethers';
import type { RunningHub } from '../../hub/startHub';
import { box, call, signedBatch } from '../../hub/testKit';

export interface Player {
  wallet: HDNodeWallet;
  token: string;
  attacker: boolean;
}

/** How a player gets work: the hub's route (the rule under test) or the bench's replay of the old rule. */
export type Assign = (player: Player, count: number) => Promise<string[]>;

export function assignOverHttp(hub: RunningHub, taskId: string): Assign {
  return async (player, count) => {
    const res = await call<{ items: { itemId: string }[]; error?: string; message?: string }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token: player.token, json: { count } });
    if (res.status !== 200) throw new Error(`assignment refused: ${res.status} ${res.body.error}: ${res.body.message}`);
    return res.body.items.map((i) => i.itemId);
  };
}

export interface RoundPlan {
  /** What an honest wallet asks for per round. */
  honestAsk: number;
  /** The attacker's burst per wallet per round: requests sent back to back. */
  attackerBurst: number[];
  /** Items per signed batch. */
  batchSize: number;
  /** Batches in flight at once. */
  concurrency: number;
}

// Honest wallets draw the truth; the attacker's wallets all draw the same other class.
const TRUTH = [box('car', 40, 40, 120, 80)];
const ATTACK = [box('person', 40, 40, 120, 80)];

/**
 * Rounds until the task is exhausted: the attacker's wallets ask first, each
 * in a burst of back-to-back requests, then every honest wallet asks once;
 * then everyone submits everything it holds as signed batches over HTTP.
 * Ends when a round hands out nothing new. Returns the number of rounds.
 */
export async function playRounds(hub: RunningHub, taskId: string, players: Player[], assign: Assign, plan: RoundPlan): Promise<number> {
  let nonce = BigInt(Date.now()) * 1000n;
  for (let round = 1; ; round++) {
    const held = new Map<Player, Set<string>>();
    const take = (p: Player, ids: string[]) => {
      const set = held.get(p) ?? new Set<string>();
      for (const id of ids) set.add(id);
      held.set(p, set);
    };
    for (const p of players.filter((x) => x.attacker)) for (const count of plan.attackerBurst) take(p, await assign(p, count));
    for (const p of players.filter((x) => !x.attacker)) take(p, await assign(p, plan.honestAsk));
    const batches: { player: Player; items: string[] }[] = [];
    for (const [player, ids] of held) {
      const list = [...ids];
      for (let i = 0; i < list.length; i += plan.batchSize) batches.push({ player, items: list.slice(i, i + plan.batchSize) });
    }
    if (batches.length === 0) return round - 1;
    let next = 0;
    await Promise.all(
      Array.from({ length: plan.concurrency }, async () => {
        while (next < batches.length) {
          const { player, items } = batches[next++]!;
          const shapes = player.attacker ? ATTACK : TRUTH;
          const signed = await signedBatch(hub, player.wallet, taskId, items.map((itemId) => ({ itemId, shapes })), { nonce: nonce++ });
          const res = await call<{ error?: string; message?: string }>(hub, 'POST', '/batches', { token: player.token, json: signed });
          if (res.status !== 200) throw new Error(`batch refused: ${res.status} ${res.body.error}: ${res.body.message}`);
        }
      }),
    );
  }
}
