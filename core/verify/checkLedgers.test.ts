import { describe, expect, it } from 'vitest';
import { LEDGER_SCHEMA, type EpochLedger } from '../hubApi/epochs';
import { buildRewardsTree, REWARDS_LEAF_TYPES } from '../sync/rewardsTree';
import { checkLedgers } from './checkLedgers';
import type { ExportManifest, LineageLine } from './exportFiles';
import { problemList } from './problems';

const CONTRACT = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const TASK = `0x${'a'.repeat(64)}`;
const OTHER = `0x${'b'.repeat(64)}`;
const [A, B, C, R] = ['1', '2', '3', '4'].map((d) => `0x${d.repeat(40)}`) as [string, string, string, string];
const manifest = { task: TASK, domain: { name: 'Groundwork', version: '1', chainId: 31337, verifyingContract: CONTRACT } } as ExportManifest;

const line = (itemId: string, status: 'accepted' | 'resolved', agreeing: string[], reviewer: string | null = null) =>
  ({ itemId, status, consensus: { agreeingAnnotators: agreeing }, verdict: reviewer ? { reviewer } : null }) as unknown as LineageLine;

type Payout = EpochLedger['items'][number]['payouts'][number];
const annotator = (account: string, amount: bigint, ppm = 1_000_000): Payout => ({ account, role: 'annotator', amount: amount.toString(), multiplierPpm: ppm });

/** A ledger whose leaves and root follow from its items (plus `extraLeaves` of other tasks and `previous` totals). */
function ledger(epoch: number, items: EpochLedger['items'], previous: Record<string, bigint> = {}, extraLeaves: EpochLedger['leaves'] = []): EpochLedger {
  const sums = new Map<string, bigint>(Object.entries(previous));
  for (const i of items) for (const p of i.payouts) sums.set(p.account, (sums.get(p.account) ?? 0n) + BigInt(p.amount));
  const leaves = [...[...sums].map(([account, cumulative]) => ({ task: TASK, account, cumulative: cumulative.toString(), previous: (previous[account] ?? 0n).toString() })), ...extraLeaves];
  const root = buildRewardsTree({ chainId: 31337, distributor: CONTRACT, entries: leaves.map((l) => ({ ...l, cumulative: BigInt(l.cumulative) })) }).root;
  const base = { schema: LEDGER_SCHEMA as typeof LEDGER_SCHEMA, epoch: String(epoch), root, txHash: null, chainId: 31337, contract: CONTRACT, leafEncoding: [...REWARDS_LEAF_TYPES] as string[] };
  return { ...base, previousEpoch: epoch > 1 ? String(epoch - 1) : null, page: 0, pages: 1, pageSize: 10, leafCount: leaves.length, itemCount: items.length, leaves, items };
}

const item = (itemId: string, status: 'accepted' | 'resolved', payouts: Payout[]) => ({ itemId, task: TASK, status, rewardPerItem: '1000', reviewerFee: '50', payouts });
const other = { task: OTHER, account: A, cumulative: '7', previous: '7' };

function run(ledgers: EpochLedger[], lines: LineageLine[], posted?: Map<string, string | null>) {
  const { problems, report } = problemList();
  const summary = checkLedgers(ledgers, manifest, lines, posted, report);
  return { problems: problems.map((p) => `${p.itemId ?? 'export'} [${p.check}] ${p.message}`), summary };
}

describe('checkLedgers', () => {
  const lines = [line('i1', 'accepted', [A, B]), line('i2', 'resolved', [A], R), line('i3', 'accepted', [A, B, C])];
  const one = ledger(1, [item('i1', 'accepted', [annotator(A, 1000n), annotator(B, 1000n)]), item('i2', 'resolved', [annotator(A, 1000n), { account: R, role: 'reviewer', amount: '50' }])], {}, [other]);
  const two = ledger(2, [item('i3', 'accepted', [annotator(A, 1500n, 1_500_000), annotator(B, 1000n), annotator(C, 1000n)])], { [A]: 2000n, [B]: 1000n, [R]: 50n }, [other]);

  it('accepts ledgers whose leaves, totals and payouts follow from the lineage, and the roots the chain posted', () => {
    const posted = new Map([
      ['1', one.root],
      ['2', two.root],
    ]);
    expect(run([one, two], [...lines, line('i4', 'accepted', [A])], posted)).toEqual({ problems: [], summary: { epochs: 2, rewardedItems: 3, unrewardedItems: 1, onChain: 2, servedByHub: 0 } });
  });

  it('names the epoch when the chain posted another root or none', () => {
    const { problems } = run([one, two], lines, new Map([['1', `0x${'0'.repeat(64)}`]]));
    expect(problems).toEqual([
      `export [chain] epoch 1: the chain posted root 0x${'0'.repeat(64)}, the ledger's leaves hash to ${one.root}`,
      'export [chain] epoch 2: the chain was not asked for this epoch\'s root',
    ]);
  });

  it('refuses a ledger naming another contract than the manifest’s domain, saying which was used', () => {
    const { problems } = run([{ ...one, contract: '0x' + '9'.repeat(40) }], lines);
    expect(problems[0]).toBe(`export [ledger] epoch 1: the ledger says contract 0x${'9'.repeat(40)}, the manifest's EIP-712 domain ${CONTRACT}; the root is recomputed and read for ${CONTRACT}`);
  });

  it('names the item paid to a non-agreeing annotator, an unpaid agreeing one, and a fee to someone not its reviewer', () => {
    const bad = ledger(1, [item('i1', 'accepted', [annotator(A, 1000n), annotator(C, 1000n)]), item('i2', 'resolved', [annotator(A, 1000n), { account: B, role: 'reviewer', amount: '50' }])]);
    expect(run([bad], lines).problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^i1 \[ledger\] epoch 1: agreeing annotator 0x2{40} is not paid$/),
        expect.stringMatching(/^i1 \[ledger\] epoch 1: pays 0x3{40}, who is not an agreeing annotator$/),
        expect.stringMatching(/^i2 \[ledger\] epoch 1: the reviewer fee 50 is owed to 0x4{40}; the ledger pays 50 to 0x2{40}$/),
      ]),
    );
  });

  it('names a leaf that does not start where the previous ledger ended, an item paid twice, and a multiplier that changes within an epoch', () => {
    const skipped = ledger(2, [item('i1', 'accepted', [annotator(A, 1200n, 1_200_000), annotator(B, 1000n)]), item('i3', 'accepted', [annotator(A, 1000n), annotator(B, 1000n), annotator(C, 1000n)])], { [A]: 1000n, [B]: 1000n, [R]: 50n });
    const { problems } = run([one, skipped], lines);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^export \[ledger\] epoch 2, leaf \(0xa{64}, 0x1{40}\): starts from 1000, the earlier ledgers of this task end at 2000$/),
        'i1 [ledger] rewarded twice: in epoch 1 and in epoch 2',
        expect.stringMatching(/^i3 \[ledger\] epoch 2: pays 0x1{40} at multiplier 1, other items of the epoch at 1.2$/),
      ]),
    );
  });
});
