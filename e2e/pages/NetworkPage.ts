import { expect, type Locator, type Page } from '@playwright/test';

/** The network view: wallet, hub, tasks, outbox and rewards (renderer/ui/network). */
export class NetworkPage {
  readonly walletAddress: Locator;
  readonly taskRows: Locator;
  readonly outboxRows: Locator;
  readonly claimable: Locator;
  readonly claimStatus: Locator;

  constructor(readonly page: Page) {
    this.walletAddress = page.getByTestId('wallet-address');
    this.taskRows = page.getByTestId('task-row');
    this.outboxRows = page.getByTestId('outbox-row');
    this.claimable = page.getByTestId('rewards-claimable');
    this.claimStatus = page.getByTestId('claim-status');
  }

  async open(): Promise<this> {
    await this.page.getByTestId('open-network').click();
    await expect(this.page.getByTestId('network-view')).toBeVisible();
    return this;
  }

  /** Creates the wallet (keystore encrypted on the host, progress shown) and returns its address. */
  async createWallet(password: string): Promise<string> {
    await this.page.getByTestId('wallet-password').fill(password);
    await this.page.getByTestId('wallet-create').click();
    await expect(this.walletAddress).toHaveText(/^0x[0-9a-fA-F]{40}$/, { timeout: 60_000 });
    await expect(this.page.getByTestId('wallet-panel')).toHaveAttribute('data-unlocked', 'true');
    return (await this.walletAddress.textContent())!;
  }

  /** Enters the hub and RPC URLs and presses Connect; a first connection then shows the trust prompt. */
  async startConnect(hubUrl: string, rpcUrl: string): Promise<void> {
    await this.page.getByTestId('hub-url-input').fill(hubUrl);
    await this.page.getByTestId('hub-rpc-input').fill(rpcUrl);
    await this.page.getByTestId('hub-connect').click();
  }

  /** Connects and signs in; trusts the hub's values when the trust prompt asks (first connection or a changed config). */
  async connectHub(hubUrl: string, rpcUrl: string): Promise<void> {
    await this.startConnect(hubUrl, rpcUrl);
    const prompt = this.page.getByTestId('trust-prompt');
    const signedIn = this.page.locator('[data-testid="hub-status"][data-signed-in="true"]');
    await expect(prompt.or(signedIn)).toBeVisible({ timeout: 30_000 });
    if (await prompt.isVisible()) await this.trustHub();
    await expect(this.page.getByTestId('hub-status')).toHaveAttribute('data-signed-in', 'true');
  }

  /** Presses Trust in the open trust prompt. */
  async trustHub(): Promise<void> {
    await this.page.getByTestId('trust-confirm').click();
    await expect(this.page.getByTestId('trust-prompt')).toHaveCount(0);
  }

  /** Downloads a task for offline work and opens its project in the labeling view. */
  async downloadAndOpen(title: string): Promise<void> {
    const row = this.page.locator(`[data-testid="task-row"][data-task-title="${title}"]`);
    await row.getByTestId('task-download').click();
    const local = this.page.getByTestId('downloaded-task-row');
    await expect(local).toHaveCount(1, { timeout: 60_000 });
    await local.getByTestId('task-open').click();
  }

  /** Submit: the sign dialog opens with what will be signed (nothing is signed yet). */
  async submitForSigning(): Promise<Locator> {
    await this.page.getByTestId('submit-batch').click();
    await expect(this.page.getByTestId('sign-summary')).toBeVisible();
    return this.page.getByTestId('sign-dialog');
  }

  /** Submit, read what will be signed, sign. Returns the summary shown. */
  async submitAndSign(): Promise<{ itemCount: string; root: string; hub: string }> {
    await this.submitForSigning();
    const shown = {
      itemCount: (await this.page.getByTestId('sign-item-count').textContent())!,
      root: (await this.page.getByTestId('sign-root').textContent())!,
      hub: (await this.page.getByTestId('sign-hub').textContent())!,
    };
    await this.page.getByTestId('confirm-sign').click();
    await expect(this.page.getByTestId('sign-dialog')).toHaveCount(0);
    return shown;
  }

  /** Stakes `amount` tokens in the stake panel and waits for the transaction to be mined (Refresh is never pressed). */
  async stake(amount: string): Promise<void> {
    await this.page.getByTestId('stake-amount-input').fill(amount);
    await this.page.getByTestId('stake-button').click();
    await expect(this.page.getByTestId('stake-tx-status')).toHaveAttribute('data-status', 'mined', { timeout: 60_000 });
  }

  async claim(): Promise<string> {
    await this.page.getByTestId('claim-button').click();
    await expect(this.claimStatus).toHaveAttribute('data-status', 'mined', { timeout: 30_000 });
    return (await this.page.getByTestId('claim-tx').textContent())!;
  }
}
