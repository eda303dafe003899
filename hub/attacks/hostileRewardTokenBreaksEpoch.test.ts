import { Contract, ContractFactory, Wallet, parseUnits } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANVIL_DEPLOYER_KEY, connectRpc, deployLocalNetwork, loadArtifact, startAnvil, type AnvilHandle, type ContractName } from '../../native/chain';
import type { HeldTask } from '../epochs/taskPools';
import { distributor, servedProof } from '../epochs/epochTestKit';
import type { RunningHub } from '../startHub';
import { box, call, sha, signIn, startTestHub, TEST_SCHEMA } from '../testKit';
import { labelTask } from '../verdicts/verdictTestKit';

// Attack: a requester pays in a token of their own that is hostile — it refuses transfers, reverts on every
// call (balanceOf and decimals included), charges a fee on transfer — or funds the pool in another token than
// the task names. None of it may stop the epoch close for other tasks: the hub reads pools from the
// distributor only and never calls a task's token; what a hostile pool cannot cover is held, with a reason.

const REWARD = parseUnits('5', 18);
/** Bytecode that reverts on every call: a token "upgraded" into a trap after it was funded. */
const REVERT_EVERYTHING = '0x60006000fd';

describe('a requester’s hostile reward token does not break the epoch close for other tasks (anvil)', () => {
  let anvil: AnvilHandle;
  let hub: RunningHub;
  let network: Awaited<ReturnType<typeof deployLocalNetwork>>;
  let provider: ReturnType<typeof connectRpc>;
  let funder: Wallet;
  const operator = new Wallet(ANVIL_DEPLOYER_KEY);
  const requester = Wallet.createRandom();
  const annotator = Wallet.createRandom();

  beforeAll(async () => {
    anvil = await startAnvil({ port: 0 });
    network = await deployLocalNetwork(anvil.rpcUrl, ANVIL_DEPLOYER_KEY);
    provider = connectRpc(anvil.rpcUrl);
    funder = new Wallet(ANVIL_DEPLOYER_KEY, provider);
    hub = await startTestHub({ chainId: anvil.chainId, rewardsContract: network.rewards, token: undefined, rpcUrl: anvil.rpcUrl, operatorKey: ANVIL_DEPLOYER_KEY, requesters: [requester.address], operators: [operator.address] });
  }, 120_000);
  afterAll(async () => {
    provider?.destroy();
    await hub?.close();
    await anvil?.stop();
  });

  /** Deploys a token (test-only artifacts) and mints the funder 1,000 of it. */
  async function deployToken(name: ContractName): Promise<Contract> {
    const artifact = loadArtifact(name);
    const args = name === 'TestToken' ? [funder.address] : [];
    const deployed = await new ContractFactory(artifact.abi, artifact.bytecode, funder).deploy(...args);
    await deployed.waitForDeployment();
    const token = new Contract(await deployed.getAddress(), artifact.abi, funder);
    await (await token.getFunction('mint')(funder.address, parseUnits('1000', 18))).wait();
    return token;
  }

  /** A task of two items (k = 1) paying REWARD each in `rewardToken` (the hub's token when undefined). */
  async function publish(requesterToken: string, rewardToken?: string): Promise<{ taskId: string; task: string; rewardToken: string }> {
    const res = await call<{ taskId: string; task: string; rewardToken: string }>(hub, 'POST', '/tasks', {
      token: requesterToken,
      json: {
        title: 'paid in a token of the requester’s choice',
        labelSchema: TEST_SCHEMA,
        redundancy: 1,
        rewardPerItem: REWARD.toString(),
        ...(rewardToken ? { rewardToken } : {}),
        items: [0, 1].map((i) => ({ sha256: sha(Math.floor(Math.random() * 1e9) * 10 + i), fileName: `t${i}.jpg`, width: 640, height: 480 })),
      },
    });
    if (res.status !== 201) throw new Error(`task creation failed: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** approve + deposit from the funder; returns whether the deposit was mined (a hostile token may make it revert). */
  async function deposit(task: string, token: Contract, amount: bigint): Promise<boolean> {
    await (await token.getFunction('approve')(network.rewards, amount)).wait();
    try {
      await (await distributor(network.rewards, funder).getFunction('deposit')(task, await token.getAddress(), amount)).wait();
      return true;
    } catch {
      return false;
    }
  }

  it('pays the healthy tasks (the hub’s token and a second ERC-20) to the wei and holds the hostile ones with a reason', async () => {
    const requesterToken = await signIn(hub, requester);
    const gwt = new Contract(network.token, loadArtifact('TestToken').abi, funder);
    // One after another: they share the funder's nonces.
    const second = await deployToken('TestToken');
    const feeOnTransfer = await deployToken('FeeOnTransferToken');
    const refusing = await deployToken('RevertingToken');
    const trap = await deployToken('RevertingToken');
    const addr = async (c: Contract) => c.getAddress();

    const healthy = await publish(requesterToken);
    expect(healthy.rewardToken).toBe(network.token);
    const inSecond = await publish(requesterToken, (await addr(second)).toLowerCase());
    expect(inSecond.rewardToken).toBe(await addr(second));
    const fee = await publish(requesterToken, await addr(feeOnTransfer));
    const refused = await publish(requesterToken, await addr(refusing));
    const trapped = await publish(requesterToken, await addr(trap));
    const mismatched = await publish(requesterToken, await addr(second));
    const need = 2n * REWARD;

    expect(await deposit(healthy.task, gwt, need)).toBe(true);
    expect(await deposit(inSecond.task, second, need)).toBe(true);
    // Fee on transfer: 1 % burnt, the pool is credited 99 % — one item fits, the other waits.
    expect(await deposit(fee.task, feeOnTransfer, need)).toBe(true);
    // A token that refuses every transfer: the deposit reverts and the pool stays unfunded.
    await (await refusing.getFunction('setBroken')(true)).wait();
    expect(await deposit(refused.task, refusing, need)).toBe(false);
    // Funded honestly, then the token turns into a trap that reverts on every call (balanceOf, decimals, transfer).
    expect(await deposit(trapped.task, trap, need)).toBe(true);
    await provider.send('anvil_setCode', [await addr(trap), REVERT_EVERYTHING]);
    // The task pays in the second token, the pool was funded with the hub's token.
    expect(await deposit(mismatched.task, gwt, need)).toBe(true);

    const annotatorToken = await signIn(hub, annotator);
    for (const t of [healthy, inSecond, fee, refused, trapped, mismatched]) await labelTask(hub, t.taskId, [{ wallet: annotator, token: annotatorToken }], 2, () => [box('car', 10, 10)]);

    const closed = await call<{ rewardedItems: number; heldForFunds?: HeldTask[]; totals: Record<string, string> }>(hub, 'POST', '/epochs/close', { token: await signIn(hub, operator) });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    // healthy 2 + second 2 + fee 1 + trapped 2 (the hub cannot know; its claims fail, nobody else's).
    expect(closed.body.rewardedItems).toBe(7);
    const held = new Map((closed.body.heldForFunds ?? []).map((h) => [h.task, h]));
    expect([...held.keys()].sort()).toEqual([fee.task, refused.task, mismatched.task].map((t) => t.toLowerCase()).sort());
    expect(held.get(fee.task.toLowerCase())).toMatchObject({ state: 'open', heldItems: 1, needed: REWARD.toString(), remaining: ((need * 99n) / 100n - REWARD).toString() });
    expect(held.get(fee.task.toLowerCase())!.reason).toMatch(/needed: the items wait for a deposit/);
    expect(held.get(refused.task.toLowerCase())).toMatchObject({ state: 'unfunded', heldItems: 2 });
    expect(held.get(refused.task.toLowerCase())!.reason).toMatch(/nothing was deposited/);
    expect(held.get(mismatched.task.toLowerCase())).toMatchObject({ state: 'token_mismatch', heldItems: 2 });
    expect(held.get(mismatched.task.toLowerCase())!.reason).toContain(`the pool holds ${network.token} but the task pays in ${await addr(second)}`);
    expect((await call<{ state: string; allocated: string }>(hub, 'GET', `/pools/${mismatched.taskId}`)).body).toMatchObject({ state: 'token_mismatch', allocated: '0' });

    // Each served claim names its task's token; each is paid from its own pool in that token.
    const served = await servedProof(hub, annotator.address);
    const tokenOf = new Map(served.claims.map((c) => [c.task.toLowerCase(), c.token]));
    expect(Object.fromEntries([healthy, inSecond, fee, trapped].map((t) => [t.task.toLowerCase(), tokenOf.get(t.task.toLowerCase())]))).toEqual(
      Object.fromEntries([healthy, inSecond, fee, trapped].map((t) => [t.task.toLowerCase(), t.rewardToken])),
    );
    const relayer = distributor(network.rewards, funder);
    const claim = async (task: string) => {
      const c = served.claims.find((x) => x.task.toLowerCase() === task.toLowerCase())!;
      return (await relayer.getFunction('claim')(c.task, annotator.address, c.cumulative, served.root, c.proof)).wait();
    };
    // The trap's claim reverts; it takes nothing from the others.
    await expect(claim(trapped.task)).rejects.toThrow();
    await claim(healthy.task);
    await claim(inSecond.task);
    await claim(fee.task);
    expect(await gwt.getFunction('balanceOf')(annotator.address)).toBe(need);
    expect(await second.getFunction('balanceOf')(annotator.address)).toBe(need);
    // The fee token burns 1 % of the claim on its way out too.
    expect(await feeOnTransfer.getFunction('balanceOf')(annotator.address)).toBe(REWARD - REWARD / 100n);
    // The distributor still holds exactly the other tasks' unallocated and unclaimed funds.
    expect(await gwt.getFunction('balanceOf')(network.rewards)).toBe(need);
    expect(await second.getFunction('balanceOf')(network.rewards)).toBe(0n);
  }, 240_000);

  it('refuses a reward token that is no address or the zero address, and keeps the hub’s token as the default', async () => {
    const requesterToken = await signIn(hub, requester);
    for (const rewardToken of ['0x0000000000000000000000000000000000000000', '0x5FbDB2315678afecb367f032d93F642f64180aA3']) {
      const res = await call<{ error: string }>(hub, 'POST', '/tasks', {
        token: requesterToken,
        json: { title: 't', labelSchema: TEST_SCHEMA, redundancy: 1, rewardPerItem: '1', rewardToken, items: [{ sha256: sha(77), fileName: 'a.jpg', width: 1, height: 1 }] },
      });
      expect([res.status, res.body.error]).toEqual([400, 'invalid_reward_token']);
    }
  });
});
