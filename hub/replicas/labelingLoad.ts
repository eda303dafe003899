import { Wallet, type HDNodeWallet } from 'ethers';
import type { RunningHub } from '../startHub';
import { box, call, signedBatch, signIn } from '../testKit';

export interface LoadAnnotator {
  wallet: HDNodeWallet;
  token: string;
  /** A dissenter draws another class: some items end disputed, some accepted against it. */
  dissents: boolean;
}

/** `count` fresh wallets signed in (SIWE) through `hub`, all at once; every fourth one dissents. */
export async function signInAnnotators(hub: RunningHub, count: number): Promise<LoadAnnotator[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const wallet = Wallet.createRandom();
      return { wallet, token: await signIn(hub, wallet), dissents: i % 4 === 3 };
    }),
  );
}

export interface LoadTally {
  /** Batches the hub stored (answered 200, duplicate false). */
  batches: number;
  /** POST /tasks/:id/assignments answered 200 (empty answers included). */
  workRequests: number;
  /** Items submitted, over all batches. */
  submissions: number;
  /** Refusals and failures, by what they said. */
  errors: string[];
  seconds: number;
}

const AGREED = [box('car', 40, 40, 120, 80)];
const DISSENT = [box('person', 40, 40, 120, 80)];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Every annotator at once, each in its own loop: ask for `batchSize` items,
 * sign them as one EIP-712 batch, upload it; until the task has nothing left
 * for it (an empty answer several times over: the scarce-items rule can
 * hand an asker nothing while others still hold the last items).
 */
export async function labelTask(hub: RunningHub, taskId: string, annotators: LoadAnnotator[], batchSize: number): Promise<LoadTally> {
  const tally: LoadTally = { batches: 0, workRequests: 0, submissions: 0, errors: [], seconds: 0 };
  const start = performance.now();
  let nonce = BigInt(Date.now()) * 1000n;
  await Promise.all(
    annotators.map(async (a) => {
      for (let empty = 0; empty < 4; ) {
        const got = await call<{ items?: { itemId: string }[]; error?: string; message?: string }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token: a.token, json: { count: batchSize } });
        if (got.status !== 200) {
          tally.errors.push(`assignments ${got.status} ${got.body?.error}: ${got.body?.message}`);
          return;
        }
        tally.workRequests++;
        const items = got.body.items ?? [];
        if (items.length === 0) {
          empty++;
          await sleep(50 * empty);
          continue;
        }
        empty = 0;
        const shapes = a.dissents ? DISSENT : AGREED;
        const signed = await signedBatch(hub, a.wallet, taskId, items.map((i) => ({ itemId: i.itemId, shapes })), { nonce: nonce++ });
        const res = await call<{ duplicate?: boolean; error?: string; message?: string }>(hub, 'POST', '/batches', { token: a.token, json: signed });
        if (res.status !== 200 || res.body.duplicate !== false) {
          tally.errors.push(`batch ${res.status} ${res.body?.error}: ${res.body?.message}`);
          return;
        }
        tally.batches++;
        tally.submissions += items.length;
      }
    }),
  );
  tally.seconds = (performance.now() - start) / 1000;
  return tally;
}
