import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Wallet, parseUnits } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taskIdToBytes32 } from '../../../core/sync/labelBatch';
import { ANVIL_DEPLOYER_KEY, connectRpc, rewardsDistributorAt, testTokenAt } from '../../../native/chain';
import { createDispatcher } from '../../common/contract/createDispatcher';
import { createProxy } from '../../common/contract/createProxy';
import { createEventBus } from '../../common/contract/eventBus';
import { createMemoryTransport } from '../../common/contract/memoryTransport';
import { rewardsService, walletService, type DepositStatus } from '../../common/services';
import { startLocalNetwork, type LocalNetwork } from '../localNetwork/startLocalNetwork';
import { createRootStore } from '../media/rootStore';
import { createNetworkServices, type NetworkServices } from '../networkServices';

// A requester funds a task's pool from the workstation's wallet, as the renderer calls it (proxy over the
// wire codec), against the real local network.
const GWT = (n: string) => parseUnits(n, 18).toString();

let dataDir: string;
let network: LocalNetwork;
let services: NetworkServices;
let wallet: ReturnType<typeof createProxy<typeof walletService>>;
let rewards: ReturnType<typeof createProxy<typeof rewardsService>>;
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
