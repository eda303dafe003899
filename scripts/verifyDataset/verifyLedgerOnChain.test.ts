import { Wallet, parseUnits } from 'ethers';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANVIL_ACCOUNTS, ANVIL_DEPLOYER_KEY, deployLocalNetwork, startAnvil, type AnvilHandle } from '../../native/chain';
import { epochLedgerRoute, type EpochLedger } from '../../core/hubApi/epochs';
import { parseResponse } from '../../core/hubApi/route';
import { buildRewardsTree } from '../../core/sync/rewardsTree';
import type { RunningHub } from '../../hub/startHub';
import { box, call, sha, signIn, startChainTestHub, TEST_SCHEMA } from '../../hub/testKit';
import { labelTask, signedVerdict } from '../../hub/verdicts/verdictTestKit';
import { earnRewards, fundTask, localProvider, rootsPosted, type Annotator } from '../../hub/epochs/epochTestKit';
import { unzipText } from '../../hub/export/exportTestKit';
import { runVerifyDataset } from './runVerifyDataset';

/**
 * Two tasks over two epochs on a real chain: task A's resolved item (reviewer fee) is paid in
 * epoch 1, its accepted item waits for a top-up and is paid in epoch 2 at the multipliers epoch 1
 * earned; tasks B (epoch 1) and C (epoch 2) share the trees. The served ledgers recompute the
 * posted roots, and task A's export verifies against the chain, or fails naming what was changed.
 */
describe('epoch ledgers: served, exported and checked against the chain (anvil)', () => {
  let anvil: AnvilHandle;
  let hub: RunningHub;
  let rewards: string;
  const operator = new Wallet(ANVIL_DEPLOYER_KEY);
  const requester = Wallet.createRandom();
  const reviewer = new Wallet(ANVIL_ACCOUNTS[1].privateKey);
  const wallets = [ANVIL_ACCOUNTS[2], ANVIL_ACCOUNTS[3], ANVIL_ACCOUNTS[4]].map((a) => new Wallet(a.privateKey));
  const reward = parseUnits('5', 18);
  let requesterToken: string;
  let taskA: { taskId: string; task: string };
  let taskB: { taskId: string; task: string };
  let resolvedItem: string;
  let dir: string;

  const closeEpoch = async () => {
    const closed = await call<{ epoch: string; root: string }>(hub, 'POST', '/epochs/close', { token: await signIn(hub, operator) });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    return closed.body;
  };
  const ledgerText = async (epoch: string, page = 0) => {
    const res = await fetch(`${hub.url}/epochs/${epoch}/ledger?page=${page}`);
    return { status: res.status, text: await res.text() };
  };

  beforeAll(async () => {
    anvil = await startAnvil({ port: 0 });
    const network = await deployLocalNetwork(anvil.rpcUrl, ANVIL_DEPLOYER_KEY);
    rewards = network.rewards;
    hub = await startChainTestHub(anvil, network, { operatorKey: ANVIL_DEPLOYER_KEY, requesters: [requester.address], operators: [operator.address] });
    requesterToken = await signIn(hub, requester);
    const annotators: Annotator[] = await Promise.all(wallets.map(async (wallet) => ({ wallet, token: await signIn(hub, wallet) })));
    await signIn(hub, reviewer);
    expect((await call(hub, 'POST', `/accounts/${reviewer.address}/roles`, { token: await signIn(hub, operator), json: { role: 'reviewer' } })).status).toBe(200);

    // Task A: item 0 all agree (15 at 1×), item 1 disputed and resolved for annotator 0 (5 + the 1 fee). 10 deposited: only the resolved item fits.
    const created = await call<{ taskId: string; task: string }>(hub, 'POST', '/tasks', {
      token: requesterToken,
      json: {
        title: 'ledger task',
        labelSchema: TEST_SCHEMA,
        redundancy: 3,
        rewardPerItem: reward.toString(),
        reviewerFee: parseUnits('1', 18).toString(),
        items: [0, 1].map((i) => ({ sha256: sha(Math.floor(Math.random() * 1e12) + i), fileName: `a${i}.jpg`, width: 640, height: 480 })),
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    taskA = created.body;
    await fundTask(hub, taskA.task, parseUnits('10', 18));
    const items = await labelTask(hub, taskA.taskId, annotators, 2, (a, k) => (k === 0 ? [box('car', 10, 10)] : [[box('car', 10, 10)], [box('person', 10, 10)], [box('car', 300, 300)]][a]!));
    resolvedItem = items[1]!;
    const verdict = await call(hub, 'POST', '/verdicts', { token: await signIn(hub, reviewer), json: await signedVerdict(hub, reviewer, taskA.taskId, resolvedItem, [box('car', 10, 10)]) });
    expect(verdict.status, JSON.stringify(verdict.body)).toBe(200);
    taskB = await earnRewards(hub, requesterToken, annotators, 2, reward);
    await closeEpoch();
    // Epoch 2: task A topped up (its accepted item is paid), and a new task C.
    await fundTask(hub, taskA.task, parseUnits('40', 18));
    await earnRewards(hub, requesterToken, annotators, 1, reward);
    await closeEpoch();
    dir = await mkdtemp(path.join(tmpdir(), 'gw-ledger-'));
  }, 240_000);
  afterAll(async () => {
    await hub?.close();
    await anvil?.stop();
  });

  it('serves each posted epoch’s ledger, the same bytes every time, whose leaves recompute the root posted on chain and add up epoch to epoch', async () => {
    const provider = localProvider(anvil.rpcUrl);
    const posted = await rootsPosted(provider, rewards).finally(() => provider.destroy());
    expect(posted.map((p) => p.epoch)).toEqual([1n, 2n]);
    const ledgers: EpochLedger[] = [];
    for (const { epoch, root } of posted) {
      const first = await ledgerText(epoch.toString());
      expect(first.status, first.text).toBe(200);
      expect((await ledgerText(epoch.toString())).text).toBe(first.text);
      const ledger = parseResponse(epochLedgerRoute, JSON.parse(first.text));
      const { chainId, contract } = ledger;
      expect(buildRewardsTree({ chainId, distributor: contract, entries: ledger.leaves.map((l) => ({ ...l, cumulative: BigInt(l.cumulative) })) }).root).toBe(root);
      expect(ledger.root).toBe(root);
      ledgers.push(ledger);
    }
    const [one, two] = ledgers as [EpochLedger, EpochLedger];
    // Epoch 1 paid task A's resolved item (annotator 0 and the reviewer) and task B's two items; epoch 2 task A's other item and task C's.
    expect(one.items.filter((i) => i.task === taskA.task).map((i) => i.itemId)).toEqual([resolvedItem]);
    expect(one.items.find((i) => i.itemId === resolvedItem)!.payouts).toEqual(
      expect.arrayContaining([
        { account: wallets[0]!.address, role: 'annotator', amount: reward.toString(), multiplierPpm: 1_000_000 },
        { account: reviewer.address, role: 'reviewer', amount: parseUnits('1', 18).toString() },
      ]),
    );
    expect(new Set(one.items.map((i) => i.task))).toEqual(new Set([taskA.task, taskB.task]));
    expect(two.previousEpoch).toBe('1');
    expect(two.items.filter((i) => i.task === taskA.task)).toHaveLength(1);
    // Task B earned nothing in epoch 2: its leaves carry over unchanged.
    for (const leaf of two.leaves.filter((l) => l.task === taskB.task)) expect(leaf.previous).toBe(leaf.cumulative);
    const a0 = two.leaves.find((l) => l.task === taskA.task && l.account === wallets[0]!.address)!;
    expect(a0.previous).toBe(reward.toString());
    const paid = two.items.filter((i) => i.task === taskA.task).flatMap((i) => i.payouts.filter((p) => p.account === wallets[0]!.address));
    expect(BigInt(a0.cumulative)).toBe(reward + BigInt(paid[0]!.amount));
    expect(paid[0]!.multiplierPpm).toBeGreaterThan(1_000_000);

    expect((await ledgerText('2', 1)).status).toBe(404);
    expect(JSON.parse((await ledgerText('3')).text)).toMatchObject({ error: 'unknown_epoch' });
  });

  async function exportFolder(name: string, edit: (ledgers: Map<string, EpochLedger>) => void): Promise<string> {
    const res = await fetch(`${hub.url}/tasks/${taskA.taskId}/export?format=coco`, { headers: { authorization: `Bearer ${requesterToken}` } });
    expect(res.status).toBe(200);
    const files = unzipText(new Uint8Array(await res.arrayBuffer()));
    const ledgers = new Map(files.filter((f) => f.path.startsWith('ledger/')).map((f) => [f.path, JSON.parse(f.content) as EpochLedger]));
    edit(ledgers);
    const folder = path.join(dir, name);
    for (const f of files) {
      await mkdir(path.dirname(path.join(folder, f.path)), { recursive: true });
      await writeFile(path.join(folder, f.path), ledgers.has(f.path) ? JSON.stringify(ledgers.get(f.path)) : f.content);
    }
    return folder;
  }

  async function verify(folder: string, ...args: string[]): Promise<{ code: number; out: string }> {
    let out = '';
    const io = { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (out += t) } };
    return { code: await runVerifyDataset([folder, ...args], io), out };
  }

  it('exports the ledgers of the epochs that rewarded the task, and verify-dataset --rpc passes against the chain', async () => {
    let paths: string[] = [];
    const folder = await exportFolder('intact', (l) => (paths = [...l.keys()].sort()));
    expect(paths).toEqual(['ledger/epoch-1.json', 'ledger/epoch-2.json']);
    const { code, out } = await verify(folder, '--rpc', anvil.rpcUrl);
    expect(code, out).toBe(0);
    expect(out).toContain('ledgers: 2 epochs (roots recomputed from their leaves and compared with the roots posted on chain), 2 items paid as the ledgers say, 0 final items not rewarded yet');
    // --hub: the hub's whole ledgers (every task's items) agree with the export's copies and justify every leaf.
    const withHub = await verify(folder, '--rpc', anvil.rpcUrl, '--hub', hub.url);
    expect(withHub.code, withHub.out).toBe(0);
    expect(withHub.out).toContain("the hub's whole ledgers checked leaf by leaf");
  });

  it('fails naming the leaf and the item when one amount of a ledger is changed', async () => {
    const folder = await exportFolder('amount', (l) => {
      const item = l.get('ledger/epoch-1.json')!.items.find((i) => i.itemId === resolvedItem)!;
      const p = item.payouts.find((x) => x.role === 'annotator')!;
      p.amount = (BigInt(p.amount) + 1n).toString();
    });
    const { code, out } = await verify(folder, '--rpc', anvil.rpcUrl);
    expect(code, out).toBe(1);
    expect(out).toContain(`epoch 1, leaf (${taskA.task}, ${wallets[0]!.address}): cumulative ${reward}, but 0 before plus this epoch's payouts is ${reward + 1n}`);
    expect(out).toContain(`item ${resolvedItem} [ledger]: epoch 1: pays ${wallets[0]!.address} ${reward + 1n}`);
  });

  it('fails when the ledger’s leaves hash to a root the chain did not post', async () => {
    // A leaf of another task raised, and the ledger's root recomputed to match: consistent offline, not what the chain holds.
    const folder = await exportFolder('root', (l) => {
      const ledger = l.get('ledger/epoch-2.json')!;
      const leaf = ledger.leaves.find((x) => x.task === taskB.task)!;
      leaf.cumulative = (BigInt(leaf.cumulative) * 2n).toString();
      ledger.root = buildRewardsTree({ chainId: ledger.chainId, distributor: ledger.contract, entries: ledger.leaves.map((x) => ({ ...x, cumulative: BigInt(x.cumulative) })) }).root;
    });
    const offline = await verify(folder);
    expect(offline.code, offline.out).toBe(0);
    const againstHub = await verify(folder, '--hub', hub.url);
    expect(againstHub.code, againstHub.out).toBe(1);
    expect(againstHub.out).toContain('export [ledger]: epoch 2 (served by the hub): root ');
    const { code, out } = await verify(folder, '--rpc', anvil.rpcUrl);
    expect(code, out).toBe(1);
    expect(out).toMatch(/export \[chain\]: epoch 2: the chain posted root 0x[0-9a-f]{64}, the ledger's leaves hash to 0x[0-9a-f]{64}/);
  });
});
