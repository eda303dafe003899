import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Contract, ContractFactory, Wallet, parseUnits } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taskIdToBytes32 } from '../../../core/sync/labelBatch';
import { ANVIL_DEPLOYER_KEY, connectRpc, loadArtifact, rewardsDistributorAt, testTokenAt } from '../../../native/chain';
import { createDispatcher } from '../../common/contract/createDispatcher';
import { createProxy } from '../../common/contract/createProxy';
import { createEventBus } from '../../common/contract/eventBus';
import { createMemoryTransport } from '../../common/contract/memoryTransport';
import { hubService, rewardsService, walletService, type ClaimStatus, type DepositStatus } from '../../common/services';
import { localRequester } from '../localNetwork/localHubAccounts';
import { startLocalNetwork, type LocalNetwork } from '../localNetwork/startLocalNetwork';
import { createRootStore } from '../media/rootStore';
import { createNetworkServices, type NetworkServices } from '../networkServices';

// A requester funds a task's pool from the workstation's wallet, as the renderer calls it (proxy over the
// wire codec), against the real local network.
const GWT = (n: string) => parseUnits(n, 18).toString();
/** Base units of an 18-decimals token, as bigint. */
const UNITS = (n: string) => parseUnits(n, 18);

let dataDir: string;
let network: LocalNetwork;
let services: NetworkServices;
let wallet: ReturnType<typeof createProxy<typeof walletService>>;
let rewards: ReturnType<typeof createProxy<typeof rewardsService>>;
let hub: ReturnType<typeof createProxy<typeof hubService>>;
let provider: ReturnType<typeof connectRpc>;
const seen: DepositStatus[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'gw-deposit-'));
  network = await startLocalNetwork({ dataDir });
  const events = createEventBus();
  services = await createNetworkServices(dataDir, createRootStore(dataDir), events, {
    wallet: { scrypt: { n: 1 << 12, r: 8, p: 1 } },
    localHub: { hubUrl: network.hubUrl, rpcUrl: network.rpcUrl, ensureGas: network.ensureGas },
  });
  const transport = createMemoryTransport(createDispatcher(services.registrations, { events }));
  wallet = createProxy(walletService, transport);
  rewards = createProxy(rewardsService, transport);
  hub = createProxy(hubService, transport);
  rewards.on('depositChanged', (status) => void seen.push(status));
  provider = connectRpc(network.rpcUrl);
}, 180_000);

afterAll(async () => {
  provider?.destroy();
  await services?.dispose();
  await network?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

function final(requestId: string): Promise<DepositStatus> {
  return new Promise((resolve) => {
    const check = () => seen.find((s) => s.requestId === requestId && (s.status === 'mined' || s.status === 'failed'));
    if (check()) return resolve(check()!);
    const off = rewards.on('depositChanged', () => {
      if (check()) {
        off();
        resolve(check()!);
      }
    });
  });
}

describe('funding a task from the wallet', () => {
  it('shows the approve and the deposit before signing, then sends them: the pool is credited and this wallet is its requester', async () => {
    const { address } = await wallet.create({ password: 'correct horse' });
    await expect(rewards.prepareDeposit({ hubUrl: network.hubUrl, taskId: 'my-task', amount: GWT('50') })).rejects.toMatchObject({ details: { code: 'insufficient-balance' } });
    await (await testTokenAt(network.token, new Wallet(ANVIL_DEPLOYER_KEY, provider)).transfer(address!, GWT('100'))).wait();

    const summary = await rewards.prepareDeposit({ hubUrl: network.hubUrl, taskId: 'my-task', amount: GWT('50') });
    const task = taskIdToBytes32('my-task');
    expect(summary).toMatchObject({
      account: address,
      task,
      contract: network.rewards,
      token: network.token,
      tokenSymbol: 'GWT',
      amount: GWT('50'),
      approve: { spender: network.rewards, amount: GWT('50') },
      deposit: { task, token: network.token, amount: GWT('50') },
      pool: { requester: null, deposited: '0' },
    });
    const first = await rewards.confirmDeposit({ requestId: summary.requestId });
    expect(first.status).toBe('approving');
    const done = await final(summary.requestId);
    expect(done).toMatchObject({ status: 'mined', credited: GWT('50'), error: null });
    expect(seen.filter((s) => s.requestId === summary.requestId).map((s) => s.status)).toEqual(['approving', 'pending', 'mined']);
    const [, requester, , deposited] = await rewardsDistributorAt(network.rewards, provider).poolOf(task);
    expect([requester, deposited]).toEqual([address, BigInt(GWT('50'))]);
    // A prepared deposit is sent once.
    await expect(rewards.confirmDeposit({ requestId: summary.requestId })).rejects.toMatchObject({ details: { code: 'unknown-request' } });
  });

  it('closes the pool it funded and, after the contract’s delay, reclaims every unallocated wei; nothing doomed is signed', async () => {
    const { address } = await wallet.status({});
    const task = taskIdToBytes32('my-task');
    const hubUrl = network.hubUrl;
    await expect(rewards.preparePoolAction({ hubUrl, taskId: 'my-task', action: 'refund' })).rejects.toMatchObject({ details: { code: 'pool-open' } });
    await expect(rewards.preparePoolAction({ hubUrl, taskId: network.demoTaskId, action: 'close' })).rejects.toMatchObject({ details: { code: 'not-requester' } });
    await expect(rewards.preparePoolAction({ hubUrl, taskId: 'never-funded', action: 'close' })).rejects.toMatchObject({ details: { code: 'no-pool' } });

    const close = await rewards.preparePoolAction({ hubUrl, taskId: 'my-task', action: 'close' });
    expect(close).toMatchObject({ account: address, task, contract: network.rewards, action: 'close', refundable: GWT('50'), pool: { deposited: GWT('50'), allocated: '0', closesAt: 0 } });
    expect(await rewards.confirmPoolAction({ requestId: close.requestId })).toMatchObject({ status: 'mined', error: null });
    await expect(rewards.preparePoolAction({ hubUrl, taskId: 'my-task', action: 'close' })).rejects.toMatchObject({ details: { code: 'pool-closing' } });
    await expect(rewards.preparePoolAction({ hubUrl, taskId: 'my-task', action: 'refund' })).rejects.toMatchObject({ details: { code: 'still-closing' } });

    const [, , closesAt] = await rewardsDistributorAt(network.rewards, provider).poolOf(task);
    const block = await provider.getBlock('latest');
    await provider.send('evm_increaseTime', [Number(closesAt) - block!.timestamp + 1]);
    await provider.send('evm_mine', []);
    const token = testTokenAt(network.token, provider);
    const before = await token.balanceOf(address!);
    const refund = await rewards.preparePoolAction({ hubUrl, taskId: 'my-task', action: 'refund' });
    expect(refund).toMatchObject({ action: 'refund', refundable: GWT('50') });
    expect(await rewards.confirmPoolAction({ requestId: refund.requestId })).toMatchObject({ status: 'mined', error: null });
    expect((await token.balanceOf(address!)) - before).toBe(BigInt(GWT('50')));
    await expect(rewards.preparePoolAction({ hubUrl, taskId: 'my-task', action: 'refund' })).rejects.toMatchObject({ details: { code: 'nothing-to-refund' } });
    await expect(rewards.confirmPoolAction({ requestId: refund.requestId })).rejects.toMatchObject({ details: { code: 'unknown-request' } });
  });

  it('refuses to add to a pool another wallet created (the demo task belongs to the local requester)', async () => {
    await expect(rewards.prepareDeposit({ hubUrl: network.hubUrl, taskId: network.demoTaskId, amount: GWT('1') })).rejects.toMatchObject({ details: { code: 'not-requester' } });
  });
});

// A task that pays in a second ERC-20 (not the hub's token), end to end: the workstation deposits in the task's
// token (symbol and decimals read from that token's contract), labels, the epoch closes, and the claim pays from
// the task's pool in that token — both tokens' balances to the wei.
describe('a task paid in a second ERC-20', () => {
  it('is funded in its own token, labeled, closed into an epoch and claimed: both tokens’ balances to the wei', async () => {
    const hubUrl = network.hubUrl;
    const { address } = await wallet.status({});
    await hub.signIn({ hubUrl });
    const operator = new Wallet(ANVIL_DEPLOYER_KEY, provider);
    // The requester's own token: "REV" (an ERC-20 of the test artifacts, left unbroken), minted to this wallet.
    const artifact = loadArtifact('RevertingToken');
    const deployed = await new ContractFactory(artifact.abi, artifact.bytecode, operator).deploy();
    await deployed.waitForDeployment();
    const second = new Contract(await deployed.getAddress(), artifact.abi, operator);
    const secondAddress = await second.getAddress();
    await (await second.getFunction('mint')(address!, UNITS('100'))).wait();
    const gwtBefore = await testTokenAt(network.token, provider).balanceOf(address!);

    // Published (by the local requester) to pay 7.5 REV per item, 2 items, k = 1; this wallet funds and labels it.
    const reward = UNITS('7.5');
    const items = [1, 2].map((i) => ({ sha256: `${'ab'.repeat(31)}0${i}`, fileName: `s${i}.jpg`, width: 64, height: 48 }));
    const task = await localRequester().authed<{ taskId: string; task: string; rewardToken: string }>(hubUrl, '/tasks', {
      body: { title: 'paid in REV', labelSchema: { classes: [{ id: 'car', name: 'car', color: '#d9480f', attributes: [] }] }, redundancy: 1, rewardPerItem: reward.toString(), rewardToken: secondAddress, items },
    });
    expect(task.rewardToken).toBe(secondAddress);

    // Before the amount is converted: the task's token, its symbol and decimals from the token contract.
    expect(await rewards.depositToken({ hubUrl, taskId: task.taskId })).toEqual({ taskId: task.taskId, token: secondAddress, tokenSymbol: 'REV', tokenDecimals: 18, source: 'task', balance: UNITS('100').toString() });
    const summary = await rewards.prepareDeposit({ hubUrl, taskId: task.taskId, amount: UNITS('20').toString(), token: secondAddress });
    expect(summary).toMatchObject({ token: secondAddress, tokenSymbol: 'REV', tokenSource: 'chosen', warning: null, approve: { amount: UNITS('20').toString() }, deposit: { task: task.task, token: secondAddress } });
    // A token other than the task's is shown with a warning before anything is signed.
    expect((await rewards.prepareDeposit({ hubUrl, taskId: task.taskId, amount: '1', token: network.token })).warning).toContain(`paying in ${secondAddress}`);
    await rewards.confirmDeposit({ requestId: summary.requestId });
    expect(await final(summary.requestId)).toMatchObject({ status: 'mined', credited: UNITS('20').toString() });
    const [poolToken, requester, , deposited] = await rewardsDistributorAt(network.rewards, provider).poolOf(taskIdToBytes32(task.taskId));
    expect([poolToken, requester, deposited]).toEqual([secondAddress, address, UNITS('20')]);
    // Now the pool decides: a deposit in another token is refused before anything is signed.
    await expect(rewards.prepareDeposit({ hubUrl, taskId: task.taskId, amount: '1', token: network.token })).rejects.toMatchObject({ details: { code: 'token-mismatch' } });
    expect((await rewards.depositToken({ hubUrl, taskId: task.taskId })).source).toBe('pool');

    const assigned = (await hub.requestAssignment({ hubUrl, taskId: task.taskId, count: 2 })).items;
    expect(assigned).toHaveLength(2);
    const { requestId } = await hub.prepareBatch({ hubUrl, taskId: task.taskId, items: assigned.map((it) => ({ itemId: it.itemId, shapes: [{ className: 'car', box: { x: 4, y: 4, w: 20, h: 20 } }] })) });
    expect((await hub.uploadSigned({ signed: await hub.signBatch({ requestId }) })).status).toBe('accepted');
    await hub.closeLocalEpoch({ hubUrl });

    const earned = await rewards.get({ hubUrl });
    // The hub's token: nothing earned here. The second token: both items, in its own row.
    expect(earned).toMatchObject({ token: network.token, earned: '0', claimable: '0', balance: gwtBefore.toString() });
    expect(earned.tokens.slice(1)).toEqual([{ token: secondAddress, tokenSymbol: 'REV', tokenDecimals: 18, earned: (2n * reward).toString(), claimed: '0', claimable: (2n * reward).toString(), balance: UNITS('80').toString(), tasks: 1 }]);

    const done = new Promise<ClaimStatus>((resolve) => {
      const off = rewards.on('claimChanged', (s) => s.status !== 'pending' && (off(), resolve(s)));
    });
    const pending = await rewards.claim({ hubUrl });
    expect(pending.amounts).toEqual([{ token: secondAddress, tokenSymbol: 'REV', tokenDecimals: 18, amount: (2n * reward).toString() }]);
    expect(await done).toMatchObject({ status: 'mined', error: null });
    expect(await second.getFunction('balanceOf')(address!)).toBe(UNITS('80') + 2n * reward);
    expect(await second.getFunction('balanceOf')(network.rewards)).toBe(UNITS('20') - 2n * reward);
    expect(await testTokenAt(network.token, provider).balanceOf(address!)).toBe(gwtBefore);
    expect((await rewards.get({ hubUrl })).tokens[1]).toMatchObject({ claimed: (2n * reward).toString(), claimable: '0' });
  }, 240_000);
});
