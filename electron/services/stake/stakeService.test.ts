import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Wallet, getCreateAddress, id, parseUnits } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANVIL_ACCOUNTS, ANVIL_DEPLOYER_KEY, LOCAL_UNBONDING_PERIOD_SECONDS, connectRpc, stakeRegistryAt, testTokenAt } from '../../../native/chain';
import { createDispatcher } from '../../common/contract/createDispatcher';
import { createProxy } from '../../common/contract/createProxy';
import { createEventBus } from '../../common/contract/eventBus';
import { createMemoryTransport } from '../../common/contract/memoryTransport';
import { stakeService, walletService, type StakeTxStatus } from '../../common/services';
import { startLocalNetwork, type LocalNetwork } from '../localNetwork/startLocalNetwork';
import { createRootStore } from '../media/rootStore';
import { createNetworkServices, type NetworkServices } from '../networkServices';
import { revertReason, stakeErrorsInterface } from './revertReason';

// The workstation's stake actions as the renderer calls them (proxy over the
// wire codec), against the real local network: anvil with the contracts the
// local network deploys, and the embedded hub.
const GWT = (n: string) => parseUnits(n, 18).toString();
const PASSWORD = 'correct horse';

let dataDir: string;
let network: LocalNetwork;
let services: NetworkServices;
let wallet: ReturnType<typeof createProxy<typeof walletService>>;
let stake: ReturnType<typeof createProxy<typeof stakeService>>;
let provider: ReturnType<typeof connectRpc>;
let operator: Wallet;
/** deployLocalNetwork deploys the registry last: account 0's fourth transaction (token, distributor, mint, registry). */
let registry: string;
const seen: StakeTxStatus[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'gw-stake-'));
  network = await startLocalNetwork({ dataDir });
  const events = createEventBus();
  services = await createNetworkServices(dataDir, createRootStore(dataDir), events, {
    wallet: { scrypt: { n: 1 << 12, r: 8, p: 1 } },
    localHub: { hubUrl: network.hubUrl, rpcUrl: network.rpcUrl, ensureGas: network.ensureGas },
  });
  const transport = createMemoryTransport(createDispatcher(services.registrations, { events }));
  wallet = createProxy(walletService, transport);
  stake = createProxy(stakeService, transport);
  stake.on('txChanged', (status) => void seen.push(status));
  provider = connectRpc(network.rpcUrl);
  operator = new Wallet(ANVIL_DEPLOYER_KEY, provider);
  registry = getCreateAddress({ from: ANVIL_ACCOUNTS[0].address, nonce: 3 });
}, 180_000);

afterAll(async () => {
  provider?.destroy();
  await services?.dispose();
  await network?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** Resolves with the final status (mined or failed) of one transaction, from the events alone. */
function settled(txId: string): Promise<StakeTxStatus> {
  return new Promise((resolve) => {
    const check = () => seen.find((s) => s.txId === txId && (s.status === 'mined' || s.status === 'failed'));
    const found = check();
    if (found) return resolve(found);
    const off = stake.on('txChanged', () => {
      const done = check();
      if (done) {
        off();
        resolve(done);
      }
    });
  });
}

const target = () => ({ hubUrl: network.hubUrl, registry });

describe('stake service against the local network', () => {
  it('needs a wallet, then reads an empty stake, the token and the period from the registry', async () => {
    await expect(stake.get(target())).rejects.toMatchObject({ details: { code: 'no-wallet' } });
    const { address } = await wallet.create({ password: PASSWORD });
    const empty = await stake.get(target());
    expect(await stakeRegistryAt(registry, provider).token()).toBe(network.token);
    expect(empty).toEqual({
      hubUrl: network.hubUrl,
      account: address,
      chainId: network.chainId,
      registry,
      token: network.token,
      tokenSymbol: 'GWT',
      tokenDecimals: 18,
      active: '0',
      unbonding: '0',
      availableAt: null,
      withdrawable: false,
      unbondingPeriod: LOCAL_UNBONDING_PERIOD_SECONDS,
      balance: '0',
    });
  });

  it('refuses a stake above the balance and a stake while locked, with codes', async () => {
    await expect(stake.stake({ ...target(), amount: GWT('1') })).rejects.toMatchObject({ details: { code: 'insufficient-balance', balance: '0' } });
    const { address } = await wallet.status({});
    await (await testTokenAt(network.token, operator).mint(address!, GWT('1000'))).wait();
    await wallet.lock({});
    await expect(stake.stake({ ...target(), amount: GWT('1') })).rejects.toMatchObject({ details: { code: 'locked' } });
    await wallet.unlock({ password: PASSWORD });
    await expect(stake.stake({ ...target(), amount: '0' })).rejects.toMatchObject({ remoteName: 'InvalidArgumentsError' });
  });

  it('approves then stakes, reporting approving → pending → mined', async () => {
    const first = await stake.stake({ ...target(), amount: GWT('300') });
    expect(first).toMatchObject({ action: 'stake', amount: GWT('300'), status: 'approving', txHash: null, registry });
    expect(first.approveTxHash).toMatch(/^0x[0-9a-f]{64}$/);
    const done = await settled(first.txId);
    expect(done).toMatchObject({ status: 'mined', approveTxHash: first.approveTxHash, error: null });
    expect(seen.filter((s) => s.txId === first.txId).map((s) => s.status)).toEqual(['approving', 'pending', 'mined']);
    expect(await stake.get(target())).toMatchObject({ active: GWT('300'), unbonding: '0', balance: GWT('700') });
  });

  it('stakes straight away when the allowance already covers the amount', async () => {
    const { keystoreJson } = await wallet.exportKeystore({});
    const owner = (await Wallet.fromEncryptedJson(keystoreJson, PASSWORD)).connect(provider);
    await (await testTokenAt(network.token, owner).approve(registry, GWT('100'))).wait();
    const sent = await stake.stake({ ...target(), amount: GWT('100') });
    expect(sent).toMatchObject({ status: 'pending', approveTxHash: null });
    expect(await settled(sent.txId)).toMatchObject({ status: 'mined' });
    expect(await stake.get(target())).toMatchObject({ active: GWT('400'), balance: GWT('600') });
  });

  it('requests an unstake and refuses an early withdraw with the date it becomes possible', async () => {
    await expect(stake.requestUnstake({ ...target(), amount: GWT('401') })).rejects.toMatchObject({ details: { code: 'insufficient-stake', active: GWT('400') } });
    await expect(stake.withdraw(target())).rejects.toMatchObject({ details: { code: 'nothing-to-withdraw' } });
    const sent = await stake.requestUnstake({ ...target(), amount: GWT('100') });
    expect(await settled(sent.txId)).toMatchObject({ action: 'requestUnstake', status: 'mined' });
    const block = await provider.getBlock((await provider.getTransactionReceipt(sent.txHash!))!.blockNumber);
    const now = await stake.get(target());
    expect(now).toMatchObject({ active: GWT('300'), unbonding: GWT('100'), withdrawable: false, availableAt: block!.timestamp + LOCAL_UNBONDING_PERIOD_SECONDS });
    await expect(stake.withdraw(target())).rejects.toMatchObject({ details: { code: 'still-unbonding', availableAt: now.availableAt } });
  });

  it('after a slash during unbonding, withdraws what is left once the period has passed', async () => {
    const { address } = await wallet.status({});
    await (await stakeRegistryAt(registry, operator).slash(address!, GWT('350'), id('evidence: copied labels'))).wait();
    expect(await stake.get(target())).toMatchObject({ active: '0', unbonding: GWT('50') });
    await provider.send('evm_increaseTime', [LOCAL_UNBONDING_PERIOD_SECONDS]);
    await provider.send('evm_mine', []);
    expect(await stake.get(target())).toMatchObject({ withdrawable: true });
    const sent = await stake.withdraw(target());
    expect(sent).toMatchObject({ action: 'withdraw', amount: GWT('50'), status: 'pending' });
    expect(await settled(sent.txId)).toMatchObject({ status: 'mined' });
    expect(await stake.get(target())).toMatchObject({ active: '0', unbonding: '0', availableAt: null, withdrawable: false, balance: GWT('650') });
    await expect(stake.withdraw(target())).rejects.toMatchObject({ details: { code: 'nothing-to-withdraw' } });
    const history = await stake.listTransactions({});
    expect(history.map((t) => [t.action, t.status])).toEqual([
      ['withdraw', 'mined'],
      ['requestUnstake', 'mined'],
      ['stake', 'mined'],
      ['stake', 'mined'],
    ]);
  });

  it('names the contract error of a reverted send', async () => {
    const stranger = stakeRegistryAt(registry, new Wallet(ANVIL_ACCOUNTS[4].privateKey, provider));
    const error = await stranger.withdraw().then(() => null, (e: unknown) => e);
    expect(revertReason(error, stakeErrorsInterface())).toBe('NothingToWithdraw');
    const overdrawn = await stranger.stake(GWT('1')).then(() => null, (e: unknown) => e);
    expect(revertReason(overdrawn, stakeErrorsInterface())).toBe('ERC20InsufficientAllowance');
  });
});
