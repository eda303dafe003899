import { expect, test } from '@playwright/test';
import { publishTask, startNetworkStack, type NetworkStack } from './support/networkStack';
import { labelEveryItem, openWorkstation, startWorkstationHosts, type WorkstationHosts } from './support/workstation';

const TASK = 'Road markings';
const BOX = { x: 60, y: 50, w: 120, h: 90 };
const DAY_MS = 24 * 3600_000;

// The hub's clock: ahead of the workstation's by this much. 31 days ahead at
// the first upload is exactly "this batch was signed 31 days ago and only now
// reaches the hub" — its 30-day deadline has passed. The workstation host runs
// in another process on the real clock, so the next signature's deadline is
// the real now + 30 days; the hub's clock goes back to the real one for it.
let hubClockAheadMs = 0;
let stack: NetworkStack | null = null;
let workstations: WorkstationHosts | null = null;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  // Sessions outlive the jump, so the refusal is the deadline's and not an expired sign-in.
  stack = await startNetworkStack({ now: () => Date.now() + hubClockAheadMs, sessionTtlMs: 90 * DAY_MS });
  workstations = await startWorkstationHosts('resign', ['a']);
});

test.afterAll(async () => {
  await workstations?.stop();
  workstations = null;
  await stack?.stop();
  stack = null;
});

test('a batch refused because its deadline passed is signed again from the outbox and accepted, with the same labels', async ({ browser }) => {
  test.setTimeout(240_000);
  const { hub, anvil } = stack!;
  await publishTask(hub, { title: TASK, images: 2, redundancy: 2, rewardPerItem: '1000', classes: ['lane', 'arrow'] });

  const a = await openWorkstation(browser, workstations!.hosts[0]!, hub.url, anvil.rpcUrl);
  await a.network.downloadAndOpen(TASK);
  await labelEveryItem(a.page, 2, 'arrow', BOX);
  await a.network.open();

  // Signed "31 days ago": the hub refuses it as expired, and stores nothing.
  hubClockAheadMs = 31 * DAY_MS;
  const first = await a.network.submitAndSign();
  const row = a.network.outboxRows.first();
  await expect(row).toHaveAttribute('data-state', 'rejected', { timeout: 30_000 });
  const refusal = row.getByTestId('outbox-refusal');
  await expect(refusal).toHaveAttribute('data-code', 'deadline_passed');
  await expect(refusal).toHaveAttribute('data-resignable', 'true');
  await expect(refusal).toContainText('expired');
  expect(await hub.context.db.query('SELECT 1 FROM batches')).toHaveLength(0);
  // Refused or not, the labels stay the user's: they can be written out as they are.
  await row.getByTestId('outbox-labels-export').click();
  await expect(row.getByTestId('outbox-labels-exported')).toHaveText(/batch\.json$/);
  await expect(row.getByTestId('outbox-labels-delivery')).toHaveText(/^Downloading .+\.zip$/);

  // Back to the present: "Sign again" shows the same batch for a new signature.
  hubClockAheadMs = 0;
  await row.getByTestId('outbox-resign').click();
  await expect(row).toHaveAttribute('data-state', 'pending');
  await expect(row).toHaveAttribute('data-signed', 'false');
  await expect(a.page.getByTestId('sign-summary')).toBeVisible();
  await expect(a.page.getByTestId('sign-root')).toHaveText(first.root);
  await expect(a.page.getByTestId('sign-item-count')).toHaveText(first.itemCount);
  await a.page.getByTestId('confirm-sign').click();
  await expect(a.page.getByTestId('sign-dialog')).toHaveCount(0);

  await expect(row).toHaveAttribute('data-state', 'accepted', { timeout: 30_000 });
  await expect(a.network.outboxRows).toHaveCount(1);
  const history = row.getByTestId('outbox-history-entry');
  await expect(history).toHaveCount(1);
  await expect(history).toHaveAttribute('data-code', 'deadline_passed');

  // The hub holds one batch: the refused labels (same root) under a new nonce.
  const stored = await hub.context.db.query<{ root: string; nonce: string; item_count: number }>('SELECT root, nonce, item_count FROM batches');
  expect(stored).toHaveLength(1);
  expect(stored[0]!.root.toLowerCase()).toBe(first.root.toLowerCase());
  expect(Number(stored[0]!.item_count)).toBe(2);
  const refusedNonce = await history.getAttribute('data-nonce');
  expect(refusedNonce).toBeTruthy();
  expect(String(stored[0]!.nonce)).not.toBe(refusedNonce);
});
