import { expect, test, type Page } from '@playwright/test';
import { groundworkConfig, startHostileHub, type HostileHub } from '../electron/services/hub/attacks/hostileHub';
import { NetworkPage } from './pages/NetworkPage';
import { ProjectListPage } from './pages/ProjectListPage';
import { startNetworkStack, type NetworkStack } from './support/networkStack';
import { startWorkstationHosts, type WorkstationHosts } from './support/workstation';

// The workstation does not trust the hub: the first connection shows what will
// be pinned (chain, contracts, token, RPC, with the host's checks over the
// chain) and nothing is trusted or signed until the user presses Trust; a hub
// asking for another website's sign-in is refused in the error box.
let stack: NetworkStack | null = null;
let workstations: WorkstationHosts | null = null;
let hostile: HostileHub | null = null;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  stack = await startNetworkStack();
  workstations = await startWorkstationHosts('trust', ['a', 'b']);
  hostile = await startHostileHub({});
});

test.afterAll(async () => {
  await hostile?.close();
  await workstations?.stop();
  await stack?.stop();
  stack = null;
});

/** The network view of workstation `index` (each has its own data folder), with a new wallet. */
async function openNetwork(page: Page, index: number): Promise<NetworkPage> {
  await new ProjectListPage(page).open(workstations!.hosts[index]!.url);
  const network = await new NetworkPage(page).open();
  await network.createWallet('correct horse battery');
  return network;
}

test('the trust prompt shows the checked chain and contracts, and only Trust connects', async ({ page }) => {
  test.setTimeout(120_000);
  const { hub, anvil, chain } = stack!;
  const network = await openNetwork(page, 0);

  await network.startConnect(hub.url, anvil.rpcUrl);
  const prompt = page.getByTestId('trust-prompt');
  await expect(prompt).toBeVisible();
  await expect(page.getByTestId('trust-chain')).toHaveText(String(chain.chainId));
  await expect(page.getByTestId('trust-rewards')).toHaveText(chain.rewards);
  await expect(page.getByTestId('trust-token')).toHaveText(chain.token);
  await expect(page.getByTestId('trust-stake-registry')).toHaveText(chain.stakeRegistry);
  await expect(page.getByTestId('trust-rpc')).toContainText(anvil.rpcUrl);
  await expect(page.getByTestId('trust-siwe-domain')).toHaveText(new URL(hub.url).host);
  await expect(page.locator('[data-testid="trust-check"][data-status="ok"]')).toHaveCount(6);

  // Cancel: nothing is trusted, nobody is signed in, and the next connect asks again.
  await page.getByTestId('trust-cancel').click();
  await expect(prompt).toHaveCount(0);
  await expect(page.getByTestId('hub-status')).toHaveCount(0);
  await page.getByTestId('hub-connect').click();
  await expect(prompt).toBeVisible();

  await network.trustHub();
  await expect(page.getByTestId('hub-status')).toHaveAttribute('data-signed-in', 'true');
  await expect(network.taskRows).toHaveCount(0);
});

test('a hub asking to sign in for another website is refused in the error box, with no prompt', async ({ page }) => {
  const network = await openNetwork(page, 1);
  hostile!.config = groundworkConfig(hostile!.url, { chainId: 31337, rewardsContract: stack!.chain.rewards, token: stack!.chain.token, siweDomain: 'wallet.other-site.example' });
  await network.startConnect(hostile!.url, stack!.anvil.rpcUrl);
  const error = page.getByTestId('hub-error');
  await expect(error).toContainText('wallet.other-site.example');
  await expect(error).toContainText(new URL(hostile!.url).host);
  await expect(page.getByTestId('trust-prompt')).toHaveCount(0);
  expect(hostile!.verified).toEqual([]);
});
