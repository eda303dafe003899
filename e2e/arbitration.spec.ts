import { expect, test } from '@playwright/test';
import { Contract } from 'ethers';
import { box } from '../hub/testKit';
import { ANVIL_DEPLOYER_KEY, connectRpc } from '../native/chain';
import { ReviewPage } from './pages/ReviewPage';
import { startFaultProxy } from './support/faultProxy';
import { apiAnnotator, claimOnChain, grantReviewer, labelAssigned, reputationOf, servedRewards, type Reputation } from './support/hubActors';
import { publishTask, startNetworkStack, type NetworkStack } from './support/networkStack';
import { labelEveryItem, openWorkstation, startWorkstationHosts, type WorkstationHosts } from './support/workstation';

const TASK = 'Disputed street signs';
const REWARD_PER_ITEM = 10n ** 18n;
const REVIEWER_FEE = 3n * 10n ** 17n;
// Annotator A (the browser) draws this `sign` box on both items; the others agree or not around it.
const BOX = { x: 60, y: 50, w: 120, h: 90 };
const FAR = { x: 220, y: 150, w: 80, h: 60 };
const ONE_ETH = '0xDE0B6B3A7640000';

// Everyone reaches the hub through this loopback proxy (the hub's public URL), so the test can take the hub
// away from the reviewer's workstation for real while the review happens offline.
const UNREACHABLE = 'http://127.0.0.1:9';
let hubTarget = UNREACHABLE;
let proxy: Awaited<ReturnType<typeof startFaultProxy>> | null = null;
let stack: NetworkStack | null = null;
let workstations: WorkstationHosts | null = null;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  proxy = await startFaultProxy({ target: () => hubTarget, faultRate: 0 });
  stack = await startNetworkStack({ publicUrl: proxy.url });
  hubTarget = stack.hub.url;
  // The annotator's workstation and the reviewer's, each with its own data folder and wallet.
  workstations = await startWorkstationHosts('arbitration', ['annotator', 'reviewer']);
});

test.afterAll(async () => {
  await workstations?.stop();
  workstations = null;
  await stack?.stop();
  stack = null;
  await proxy?.close();
  proxy = null;
});

/** The history rows one item added to an account's reputation. */
function deltasFor(rep: Reputation, itemId: string): number[] {
  return rep.history.filter((h) => h.itemId === itemId).map((h) => h.delta);
}

test('a dispute is resolved offline in reviewer mode; payouts and reputation follow the final labels', async ({ browser }) => {
  test.setTimeout(300_000);
  const { anvil, chain } = stack!;
  // The hub as its public URL names it (SIWE checks the URI), with the in-process handles of the real one.
  const hub = { ...stack!.hub, url: proxy!.url };
  const taskId = await publishTask(hub, { title: TASK, images: 2, redundancy: 3, rewardPerItem: REWARD_PER_ITEM.toString(), classes: ['vehicle', 'sign'], reviewerFee: REVIEWER_FEE.toString() });
  const items = await hub.context.db.query<{ id: string; file_name: string }>('SELECT id, file_name FROM items WHERE task_id = $1 ORDER BY idx', [taskId]);
  const [agreed, disputed] = items.map((i) => i.id) as [string, string];
  const disputedFile = items[1]!.file_name;

  // Annotator A works in the app; B and C are workstations simulated over the hub API with their own signing keys.
  const a = await openWorkstation(browser, workstations!.hosts[0]!, proxy!.url, anvil.rpcUrl);
  const b = await apiAnnotator(hub);
  const c = await apiAnnotator(hub);
  const annotators = { A: a.address, B: b.wallet.address, C: c.wallet.address };
  const reputations = async () => Object.fromEntries(await Promise.all(Object.entries(annotators).map(async ([k, addr]) => [k, await reputationOf(hub, addr)] as const)));
  const before = await reputations();

  // A downloads, labels offline, submits and signs.
  await a.network.downloadAndOpen(TASK);
  await labelEveryItem(a.page, 2, 'sign', BOX);
  await a.network.open();
  await a.network.submitAndSign();
  await expect(a.network.outboxRows.first()).toHaveAttribute('data-state', 'accepted', { timeout: 30_000 });

  // Item 1: B agrees with A, C has the wrong class. Item 2: B has the wrong class, C boxed something else.
  await labelAssigned(hub, b, taskId, (file) => [box(file === disputedFile ? 'vehicle' : 'sign', BOX.x, BOX.y, BOX.w, BOX.h)]);
  await labelAssigned(hub, c, taskId, (file) => [file === disputedFile ? box('sign', FAR.x, FAR.y, FAR.w, FAR.h) : box('vehicle', BOX.x, BOX.y, BOX.w, BOX.h)]);
  await hub.context.consensusIdle();
  const statusOf = async () => (await hub.context.db.query<{ id: string; status: string }>('SELECT id, status FROM items WHERE task_id = $1 ORDER BY idx', [taskId])).map((i) => i.status);
  expect(await statusOf()).toEqual(['accepted', 'disputed']);

  // The operator grants the reviewer role; the reviewer downloads the dispute, then works from the local store.
  const reviewer = await openWorkstation(browser, workstations!.hosts[1]!, proxy!.url, anvil.rpcUrl);
  await grantReviewer(hub, ANVIL_DEPLOYER_KEY, reviewer.address);
  const review = new ReviewPage(reviewer.page);
  await review.download();
  await expect(review.queueRows).toHaveCount(1);
  await expect(review.row(disputed)).toHaveAttribute('data-state', 'open');
  // Offline from here: the hub is gone for the reviewer's workstation (connections refused, as with no network).
  // (Playwright's setOffline is not used: in the browser host it would also cut the page's WebSocket to its own host.)
  hubTarget = UNREACHABLE;
  await review.openItem(disputed);

  // Each object: A's sign box is taken (B called it a vehicle: wrong class); C's far box is dropped (extra object).
  const objectCount = await review.objects.count();
  expect(objectCount).toBe(2);
  for (let i = 0; i < objectCount; i++) {
    await review.select(i);
    if (await review.takeButton(a.address).isEnabled()) {
      await review.takeAnnotator(i, a.address);
      await review.setReason('wrong_class');
    } else {
      await review.drop(i);
      await review.setReason('extra_object');
    }
  }
  const shown = await review.submitAndSign();
  expect(shown).toMatchObject({ item: disputed, shapeCount: '1' });
  expect(shown.labelsHash).toMatch(/^0x[0-9a-f]{64}$/);

  // Back on the network page: the signed verdict waits in the outbox until the workstation is online again.
  const verdictRow = reviewer.page.locator('[data-testid="outbox-row"][data-kind="verdict"]');
  await expect(verdictRow).toHaveCount(1);
  await expect(verdictRow).toHaveAttribute('data-signed', 'true');
  await expect(verdictRow).toHaveAttribute('data-state', 'pending');
  expect(await statusOf()).toEqual(['accepted', 'disputed']);
  await expect(reviewer.page.getByTestId('sync-status')).toHaveAttribute('data-connection', 'hub unreachable');
  hubTarget = stack!.hub.url;
  await expect(verdictRow).toHaveAttribute('data-state', 'accepted', { timeout: 30_000 });
  await expect(review.row(disputed)).toHaveAttribute('data-state', 'submitted');
  expect(await statusOf()).toEqual(['accepted', 'resolved']);

  // The operator closes the epoch: A earned both items, B the first, C nothing; the reviewer the fee.
  const epoch = await hub.closeEpoch();
  expect(epoch.txHash).toMatch(/^0x[0-9a-f]{64}$/);
  const owed = { A: 2n * REWARD_PER_ITEM, B: REWARD_PER_ITEM, C: 0n, reviewer: REVIEWER_FEE };
  for (const [who, addr] of Object.entries({ ...annotators, reviewer: reviewer.address })) {
    expect((await servedRewards(hub, addr)).cumulative, who).toBe(owed[who as keyof typeof owed].toString());
  }

  const provider = connectRpc(anvil.rpcUrl);
  try {
    const balanceOf = new Contract(chain.token, ['function balanceOf(address) view returns (uint256)'], provider).getFunction('balanceOf');
    const accounts = { ...annotators, reviewer: reviewer.address };
    // Gas first: fresh wallets hold no ETH on the local chain.
    for (const addr of Object.values(accounts)) await provider.send('anvil_setBalance', [addr, ONE_ETH]);
    const balances = async () => Object.fromEntries(await Promise.all(Object.entries(accounts).map(async ([k, addr]) => [k, (await balanceOf(addr)) as bigint] as const)));
    const start = await balances();

    // A and the reviewer claim in the app; B claims with its key on chain; C has nothing to claim.
    for (const w of [a, reviewer]) {
      await w.page.getByTestId('rewards-refresh').click();
      await expect(w.network.claimable).toHaveAttribute('data-value', (w === a ? owed.A : owed.reviewer).toString());
      expect(await w.network.claim()).toMatch(/^0x[0-9a-f]{64}$/);
    }
    await claimOnChain(hub, provider, chain.rewards, b.wallet);
    const end = await balances();
    const paid = Object.fromEntries(Object.keys(accounts).map((k) => [k, end[k]! - start[k]!]));
    expect(paid).toEqual(owed);
    console.log(`arbitration payouts (wei): A ${paid.A}, B ${paid.B}, C ${paid.C}, reviewer fee ${paid.reviewer}`);
  } finally {
    provider.destroy();
  }

  // Reputation: each final decision moved each annotator up where they agreed and down where they did not.
  const after = await reputations();
  const direction = (rep: Reputation) => [agreed, disputed].map((itemId) => deltasFor(rep, itemId).map(Math.sign));
  expect(direction(after.A!)).toEqual([[1], [1]]);
  expect(direction(after.B!)).toEqual([[1], [-1]]);
  expect(direction(after.C!)).toEqual([[-1], [-1]]);
  // Prior Beta(2,2), +1 alpha per item agreed with the final labels, +1 beta per item not.
  expect([after.A!.overall, after.B!.overall, after.C!.overall].map((o) => [o.alpha, o.beta])).toEqual([[4, 2], [3, 3], [2, 4]]);
  expect(after.A!.overall.mean).toBeGreaterThan(before.A!.overall.mean);
  expect(after.C!.overall.mean).toBeLessThan(before.C!.overall.mean);
  for (const k of ['A', 'B', 'C'] as const) {
    const steps = [agreed, disputed].map((itemId, n) => `item ${n + 1} ${deltasFor(after[k]!, itemId).map((d) => (d > 0 ? '+' : '') + d.toFixed(3)).join(',')}`).join(', ');
    console.log(`arbitration reputation ${k}: mean ${before[k]!.overall.mean.toFixed(3)} → ${after[k]!.overall.mean.toFixed(3)} (Beta ${after[k]!.overall.alpha}/${after[k]!.overall.beta}; ${steps})`);
  }

  // The annotator sees the same figure in the app's reputation panel.
  await a.page.getByTestId('reputation-refresh').click();
  await expect(a.page.getByTestId('reputation-mean')).toHaveAttribute('data-value', String(after.A!.overall.mean));
});
