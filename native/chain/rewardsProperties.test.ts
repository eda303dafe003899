// Property test over random trees: twenty epochs, each a random tree of random
// accounts with random cumulative increases; random accounts claim in between.
// Invariants: every claim pays exactly cumulative − already claimed, a claim with
// nothing new reverts, and in the end payouts sum to the final cumulative totals.
import { Interface } from 'ethers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadArtifact } from './loadArtifact';
import { buildRewardsTree } from '../../core/sync/rewardsTree';
import { expectRevert } from './testSupport/expectRevert';
import { mined, randomAccount, startLocalChain, type LocalChain } from './testSupport/localChain';

const EPOCHS = 20;
const abi = new Interface(loadArtifact('RewardsDistributor').abi);

let chain: LocalChain;
beforeAll(async () => {
  chain = await startLocalChain();
});
afterAll(async () => {
  await chain?.stop();
});

/** Small seeded PRNG (mulberry32) so a failure can be replayed with REWARDS_SEED. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

it(`random trees over ${EPOCHS} epochs: each claim pays the exact difference, payouts sum to the final totals`, async () => {
  const seed = Number(process.env.REWARDS_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const why = `replay with REWARDS_SEED=${seed}`;
  const rand = prng(seed);
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(rand() * 256));
  // Amounts span 1 wei to ~1e21 so both tiny and large values get exercised.
  const amount = () => BigInt(Math.floor(rand() * 1e6) + 1) * 10n ** BigInt(Math.floor(rand() * 16));

  const d = await chain.deploy();
  const task = `0x${'5e'.repeat(32)}`;
  const funded = 10n ** 24n;
  await d.fund(task, funded);
  const balanceOf = d.tokenContract.balanceOf;
  const pool: string[] = [];
  const cumulative = new Map<string, bigint>();
  const claimed = new Map<string, bigint>();
  let payouts = 0n;
  let claims = 0;
  let emptyClaims = 0;

  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    for (let i = Math.floor(rand() * 4); i > 0; i--) pool.push(randomAccount(bytes));
    const earnRate = rand();
    for (const account of pool) if (rand() < earnRate) cumulative.set(account, (cumulative.get(account) ?? 0n) + amount());
    if (cumulative.size === 0) cumulative.set(pool[0] ?? randomAccount(bytes), amount());
    const tree = buildRewardsTree({ chainId: d.chainId, distributor: d.rewards, entries: [...cumulative].map(([account, total]) => ({ task, account, cumulative: total })) });
    await mined(d.asOperator.postRoot(epoch, tree.root, [task], [tree.allocations().get(task)!]));

    const claimRate = epoch === EPOCHS ? 1 : rand() * 0.6;
    for (const [account, total] of cumulative) {
      if (rand() >= claimRate) continue;
      const { proof } = tree.proofOf(task, account)!;
      const already = claimed.get(account) ?? 0n;
      const claim = (a: string, total: bigint, root: string, p: string[]) => d.asRelayer.claim(task, a, total, root, p);
      if (total === already) {
        emptyClaims++;
        await expectRevert(abi, claim(account, total, tree.root, proof), 'NothingToClaim', [already, total]);
        continue;
      }
      const before: bigint = await balanceOf(account);
      const receipt = await mined(claim(account, total, tree.root, proof));
      const event = receipt.logs.map((l) => abi.parseLog(l as never)).find((l) => l?.name === 'Claimed');
      expect([...(event?.args ?? [])], why).toEqual([task, account, total - already, total]);
      expect((await balanceOf(account)) - before, why).toBe(total - already);
      claimed.set(account, total);
      payouts += total - already;
      claims++;
    }
  }

  const finalTotal = [...cumulative.values()].reduce((a, b) => a + b, 0n);
  expect(payouts, why).toBe(finalTotal);
  expect(await balanceOf(d.rewards), why).toBe(funded - finalTotal);
  for (const [account, total] of cumulative) expect(await balanceOf(account), why).toBe(total);
  // The run must have exercised multi-epoch claims, not just trivial ones.
  expect(claims, why).toBeGreaterThanOrEqual(cumulative.size);
  expect(cumulative.size, why).toBeGreaterThan(1);
  console.log(`rewards property: seed ${seed}, ${EPOCHS} epochs, ${cumulative.size} accounts, ${claims} paying claims, ${emptyClaims} nothing-to-claim reverts`);
}, 180_000);
