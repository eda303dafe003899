import { expect, test } from '@playwright/test';
import { Contract } from 'ethers';
import { connectRpc } from '../native/chain';
import { publishTask, startNetworkStack, type NetworkStack } from './support/networkStack';
import { labelEveryItem, openWorkstation, startWorkstationHosts, type WorkstationHosts } from './support/workstation';

const TASK = 'Street signs';
const REWARD_PER_ITEM = 10n ** 18n;
const IMAGES = 2;
// Both annotators draw this box on every item: their labels agree, so every item is accepted.
const BOX = { x: 60, y: 50, w: 120, h: 90 };

let stack: NetworkStack | null = null;
let workstations: WorkstationHosts | null = null;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  stack = await startNetworkStack();
  // Two workstations, each with its own data folder (and so its own wallet).
  workstations = await startWorkstationHosts('network', ['a', 'b']);
});

test.afterAll(async () => {
  await workstations?.stop();
  workstations = null;
  await stack?.stop();
  stack = null;
});

test('two workstations label one task offline, sync, the epoch closes, and one claims its tokens', async ({ browser }) => {
  test.setTimeout(240_000);
  const { hub, anvil, chain } = stack!;
  const taskId = await publishTask(hub, { title: TASK, images: IMAGES, redundancy: 2, rewardPerItem: REWARD_PER_ITEM.toString(), classes: ['vehicle', 'sign'] });

  const a = await openWorkstation(browser, workstations!.hosts[0]!, hub.url, anvil.rpcUrl);
  const b = await openWorkstation(browser, workstations!.hosts[1]!, hub.url, anvil.rpcUrl);
  expect(a.address).not.toBe(b.address);

  // Download first, then label with nothing sent to the hub: all of it lives in each browser's IndexedDB.
  for (const w of [a, b]) {
    await expect(w.network.taskRows).toHaveCount(1);
    await w.network.downloadAndOpen(TASK);
    await labelEveryItem(w.page, IMAGES, 'sign', BOX);
    await w.network.open();
  }
  expect(await hub.context.db.query('SELECT 1 FROM batches')).toHaveLength(0);

  // Sync: each submits, reads what it signs, signs; the outbox shows the hub's acceptance.
  for (const w of [a, b]) {
    const shown = await w.network.submitAndSign();
    expect(shown).toMatchObject({ itemCount: String(IMAGES), hub: hub.url });
    expect(shown.root).toMatch(/^0x[0-9a-f]{64}$/);
    await expect(w.network.outboxRows).toHaveCount(1);
    await expect(w.network.outboxRows.first()).toHaveAttribute('data-state', 'accepted', { timeout: 30_000 });
  }
  const items = await hub.context.db.query<{ id: string; status: string }>('SELECT id, status FROM items WHERE task_id = $1', [taskId]);
  expect(items.map((i) => i.status)).toEqual(Array(IMAGES).fill('accepted'));

  // The operator closes the epoch; the root goes on chain.
  const epoch = await hub.closeEpoch();
  expect(epoch.txHash).toMatch(/^0x[0-9a-f]{64}$/);

  // Annotator A claims in the app: gas first (a fresh wallet holds no ETH on the local chain).
  const provider = connectRpc(anvil.rpcUrl);
  try {
    await provider.send('anvil_setBalance', [a.address, '0xDE0B6B3A7640000']);
    const balanceOf = new Contract(chain.token, ['function balanceOf(address) view returns (uint256)'], provider).getFunction('balanceOf');
    const before = (await balanceOf(a.address)) as bigint;
    const expected = REWARD_PER_ITEM * BigInt(IMAGES);
    await a.page.getByTestId('rewards-refresh').click();
    await expect(a.network.claimable).toHaveAttribute('data-value', expected.toString());
    const txHash = await a.network.claim();
    expect(txHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect((await balanceOf(a.address)) as bigint).toBe(before + expected);
    await expect(a.network.claimable).toHaveAttribute('data-value', '0');
  } finally {
    provider.destroy();
  }
});
