/**
 * Gas part of `npm run bench:sync`: RewardsDistributor on a real anvil, gas as
 * reported by each receipt (gasUsed, including the 21,000 base and calldata, the
 * same measure as Uniswap's MerkleDistributor figures of 62k–95k per claim).
 * Gas is deterministic, so one run is the measurement; the goal is < 60,000 per claim
 * (missed by ~6,000 since claims are paid from per-task pools: see the printed note).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseUnits } from 'ethers';
import { buildRewardsTree, type RewardsTree } from '../../core/sync/rewardsTree';
import { testTokenAt } from '../../native/chain/rewardsContracts';
import { mined, randomAccount, randomTask, startLocalChain, type Deployment } from '../../native/chain/testSupport/localChain';

const GOAL = 60_000n;
const TREE_SIZE = 1000;
const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../results/sync');

interface Row {
  name: string;
  gas: bigint;
  proofLength?: number;
  goal?: boolean;
  note?: string;
}

/** Cumulative totals for `accounts`, each raised by 1–100 tokens (whole wei amounts). */
function raise(cumulative: Map<string, bigint>, accounts: string[]): Map<string, bigint> {
  for (const a of accounts) cumulative.set(a, (cumulative.get(a) ?? 0n) + BigInt(1 + Math.floor(Math.random() * 100)) * 10n ** 18n);
  return cumulative;
}

/** The one task every leaf of the bench belongs to (the claim cost does not depend on how many tasks a tree spans). */
const TASK = `0x${'be'.repeat(32)}`;

async function claim(d: Deployment, tree: RewardsTree, account: string, task = TASK) {
  const p = tree.proofOf(task, account)!;
  const receipt = await mined(d.asRelayer.claim(task, account, p.cumulativeAmount, tree.root, p.proof));
  return { gas: receipt.gasUsed, proofLength: p.proof.length, cumulative: p.cumulativeAmount };
}

export async function runGasBench(): Promise<Row[]> {
  const chain = await startLocalChain();
  try {
    const d = await chain.deploy();
    const tree = (c: Map<string, bigint>, task = TASK) => buildRewardsTree({ chainId: d.chainId, distributor: d.rewards, entries: [...c].map(([account, cumulative]) => ({ task, account, cumulative })) });
    const post = async (epoch: number, t: RewardsTree) => {
      const allocations = t.allocations();
      return (await mined(d.asOperator.postRoot(epoch, t.root, [...allocations.keys()], [...allocations.values()]))).gasUsed;
    };
    const accounts = Array.from({ length: TREE_SIZE }, () => randomAccount());
    const [early, holder, fresh, collector, ...everyone] = accounts as [string, string, string, string, ...string[]];
    const rows: Row[] = [];

    // The requester funds the task: approve, then deposit (the first creates the pool, a top-up adds to it).
    const token = testTokenAt(d.token, chain.operator);
    await mined(token.approve(d.rewards, parseUnits('900000', 18)));
    rows.push({ name: 'deposit, first (creates the pool)', gas: (await mined(d.asOperator.deposit(TASK, d.token, parseUnits('800000', 18)))).gasUsed, note: 'pool slots zero → non-zero; credits the balance increase' });
    rows.push({ name: 'deposit, top-up', gas: (await mined(d.asOperator.deposit(TASK, d.token, parseUnits('100000', 18)))).gasUsed });

    // The holder already owns some of the token, as an annotator paid elsewhere would.
    await mined(testTokenAt(d.token, chain.operator).mint(holder, 1n));

    const cumulative = raise(new Map(), accounts);
    const t1 = tree(cumulative);
    rows.push({ name: 'postRoot, first epoch (empty → set slots)', gas: await post(1, t1) });
    const first = await claim(d, t1, fresh);
    rows.push({ name: 'first claim, recipient never held the token', ...first, goal: first.gas < GOAL, note: 'two zero → non-zero writes: claimed[task][account] and the recipient token balance' });
    const firstHolder = await claim(d, t1, holder);
    rows.push({ name: 'first claim, recipient already holds the token', ...firstHolder, goal: firstHolder.gas < GOAL, note: 'one fresh slot: claimed[task][account]' });
    await claim(d, t1, early);

    const t2 = tree(raise(cumulative, everyone.concat(early)));
    rows.push({ name: 'postRoot, later epoch (update)', gas: await post(2, t2) });
    const later = await claim(d, t2, early);
    rows.push({ name: 'later claim (one new epoch)', ...later, goal: later.gas < GOAL });

    const t3 = tree(raise(cumulative, everyone.concat(early, collector)));
    await post(3, t3);
    const t4 = tree(raise(cumulative, everyone.concat(early, collector)));
    await post(4, t4);
    const span = await claim(d, t4, early);
    rows.push({ name: 'later claim covering 3 epochs (2–4)', ...span, goal: span.gas < GOAL, note: 'same cost as one epoch: the leaf is cumulative' });
    const collected = await claim(d, t4, collector);
    const paid: bigint = await d.tokenContract.balanceOf(collector);
    if (paid !== collected.cumulative) throw new Error(`collector got ${paid}, expected ${collected.cumulative}`);
    rows.push({ name: 'first claim covering epochs 1–4 at once', ...collected, goal: collected.gas < GOAL, note: 'a first claim (fresh slots), collecting four epochs' });

    // Proof length grows with log2(accounts); ~750 gas per level. Each size is its own task (allocations never
    // shrink, so a smaller tree cannot reuse TASK); `early` claims once, then the measured later claim.
    let epoch = 5;
    for (const size of [16, 10_000]) {
      const task = randomTask();
      await d.fund(task, BigInt(size + 1) * 10n ** 18n);
      const sized = new Map([[early, 10n ** 18n]]);
      for (let i = 1; i < size; i++) sized.set(randomAccount(), 10n ** 18n);
      await post(epoch++, tree(sized, task));
      await claim(d, tree(sized, task), early, task);
      sized.set(early, 2n * 10n ** 18n);
      const t = tree(sized, task);
      await post(epoch++, t);
      const c = await claim(d, t, early, task);
      rows.push({ name: `later claim, tree of ${size.toLocaleString('en-US')} accounts`, ...c, goal: c.gas < GOAL });
    }

    // Another task closes: requestClose, then (closeDelay later) refund of what was never allocated.
    const closing = randomTask();
    await d.fund(closing, parseUnits('10', 18));
    rows.push({ name: 'requestClose', gas: (await mined(d.asOperator.requestClose(closing))).gasUsed });
    await chain.provider.send('evm_increaseTime', [Number(await d.asOperator.closeDelay()) + 1]);
    rows.push({ name: 'refund (requester already holds the token)', gas: (await mined(d.asRelayer.refund(closing))).gasUsed });
    return rows;
  } finally {
    await chain.stop();
  }
}

function print(rows: Row[]): void {
  console.log(`\nbench:sync gas — RewardsDistributor on anvil, tree of ${TREE_SIZE.toLocaleString('en-US')} accounts unless noted; goal < ${GOAL.toLocaleString('en-US')} gas per claim`);
  for (const r of rows) {
    const verdict = r.goal === undefined ? '    ' : r.goal ? 'PASS' : 'MISS';
    const proof = r.proofLength === undefined ? '' : ` (proof ${r.proofLength})`;
    console.log(`  ${verdict}  ${r.gas.toLocaleString('en-US').padStart(7)} gas  ${r.name}${proof}${r.note ? ` — ${r.note}` : ''}`);
  }
  console.log(
    '  A first claim cannot reach the goal: writing claimed[task][account] from zero costs 20,000 gas (EIP-2200),\n' +
      '  and a recipient that never held the token pays another ~17,000 inside the ERC-20 for its new balance.\n' +
      '  A later claim (any number of epochs) misses it by ~6,000: the task\'s pool is read and its paid total\n' +
      '  written (one packed slot: cold read + write), and the reentrancy guard writes its slot twice. That is\n' +
      '  the price of the chain refusing to pay a task beyond its deposit; the old single pool paid ~54,000.',
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const rows = await runGasBench();
  print(rows);
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(path.join(resultsDir, 'gas.json'), `${JSON.stringify(rows, (_, v) => (typeof v === 'bigint' ? Number(v) : v), 2)}\n`);
}
