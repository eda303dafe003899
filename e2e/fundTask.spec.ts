import { expect, test } from '@playwright/test';
import { Wallet, parseUnits, toQuantity } from 'ethers';
import { taskIdToBytes32 } from '../core/sync/labelBatch';
import { ANVIL_DEPLOYER_KEY, connectRpc, rewardsDistributorAt, testTokenAt } from '../native/chain';
import { startNetworkStack, type NetworkStack } from './support/networkStack';
import { openWorkstation, startWorkstationHosts, type WorkstationHosts } from './support/workstation';

let stack: NetworkStack | null = null;
let workstations: WorkstationHosts | null = null;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  stack = await startNetworkStack();
  workstations = await startWorkstationHosts('fund', ['requester']);
});

test.afterAll(async () => {
  await workstations?.stop();
  workstations = null;
  await stack?.stop();
  stack = null;
});

test('a requester funds a task from the wallet (approve and deposit shown before signing), closes it and reclaims the unspent pool to the wei', async ({ browser }) => {
  test.setTimeout(180_000);
  const { hub, anvil, chain } = stack!;
  const w = await openWorkstation(browser, workstations!.hosts[0]!, hub.url, anvil.rpcUrl);
  const provider = connectRpc(anvil.rpcUrl);
  try {
    // The requester's wallet holds tokens and gas (a real requester brings their own).
    await provider.send('anvil_setBalance', [w.address, toQuantity(10n ** 18n)]);
    await (await testTokenAt(chain.token, new Wallet(ANVIL_DEPLOYER_KEY, provider)).transfer(w.address, parseUnits('100', 18))).wait();

    const panel = w.page.getByTestId('fund-task-panel');
    await panel.getByTestId('fund-task-id').fill('street-signs-2');
    await panel.getByTestId('fund-amount').fill('40');
    await panel.getByTestId('fund-review').click();
    const task = taskIdToBytes32('street-signs-2');
    await expect(panel.getByTestId('fund-step-approve')).toContainText(chain.rewards);
    await expect(panel.getByTestId('fund-step-deposit')).toContainText(task);
    await expect(panel.getByTestId('fund-summary')).toContainText('makes this wallet its requester');
    // Nothing is signed before the confirmation.
    expect((await rewardsDistributorAt(chain.rewards, provider).poolOf(task))[3]).toBe(0n);

    await panel.getByTestId('fund-sign').click();
    await expect(panel.getByTestId('fund-status')).toHaveAttribute('data-status', 'mined', { timeout: 30_000 });
    const [, requester, , deposited] = await rewardsDistributorAt(chain.rewards, provider).poolOf(task);
    expect([requester, deposited]).toEqual([w.address, parseUnits('40', 18)]);

    // The requester closes the task: what will be signed is shown first; a refund before the delay is refused with the date.
    await panel.getByTestId('pool-close-review').click();
    await expect(panel.getByTestId('pool-action-summary')).toHaveAttribute('data-action', 'close');
    await expect(panel.getByTestId('pool-action-summary')).toContainText(`requestClose(${task})`);
    await panel.getByTestId('pool-action-sign').click();
    await expect(panel.getByTestId('pool-action-status')).toHaveAttribute('data-status', 'mined', { timeout: 30_000 });
    await panel.getByTestId('pool-refund-review').click();
    await expect(panel.getByTestId('pool-action-error')).toContainText('the refund can be sent from then');

    // After the contract's delay it reclaims every unallocated wei.
    const [, , closesAt] = await rewardsDistributorAt(chain.rewards, provider).poolOf(task);
    const block = await provider.getBlock('latest');
    await provider.send('evm_increaseTime', [Number(closesAt) - block!.timestamp + 1]);
    await provider.send('evm_mine', []);
    const token = testTokenAt(chain.token, provider);
    const before = await token.balanceOf(w.address);
    await panel.getByTestId('pool-refund-review').click();
    await expect(panel.getByTestId('pool-action-summary')).toContainText('pays this wallet 40');
    await panel.getByTestId('pool-action-sign').click();
    await expect(panel.getByTestId('pool-action-status')).toHaveAttribute('data-status', 'mined', { timeout: 30_000 });
    expect((await token.balanceOf(w.address)) - before).toBe(parseUnits('40', 18));
  } finally {
    provider.destroy();
  }
});
