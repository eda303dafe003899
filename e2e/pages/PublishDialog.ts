import { expect, type Locator, type Page } from '@playwright/test';

export interface PublishTermsInput {
  title?: string;
  instructions?: string;
  examples?: string[];
  redundancy?: string;
  reward?: string;
  reviewerFee?: string;
  level?: string;
  /** A datetime-local value, e.g. 2031-01-01T12:00. */
  deadline?: string;
  honeypots?: boolean;
}

export interface Published {
  taskId: string;
  uploaded: number;
  skipped: number;
}

/** "Publish to hub…" of the open project (renderer/ui/requester/publish). */
export class PublishDialog {
  readonly dialog: Locator;
  readonly hub: Locator;
  readonly title: Locator;
  readonly instructions: Locator;
  readonly redundancy: Locator;
  readonly reward: Locator;
  readonly reviewerFee: Locator;
  readonly level: Locator;
  readonly deadline: Locator;
  readonly honeypots: Locator;
  readonly budget: Locator;
  readonly submit: Locator;
  readonly progress: Locator;
  readonly done: Locator;
  readonly error: Locator;
  readonly existing: Locator;
  readonly publishAgain: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByTestId('publish-dialog');
    const id = (testId: string) => this.dialog.getByTestId(testId);
    this.hub = id('publish-hub');
    this.title = id('publish-title');
    this.instructions = id('publish-instructions');
    this.redundancy = id('publish-redundancy');
    this.reward = id('publish-reward');
    this.reviewerFee = id('publish-reviewer-fee');
    this.level = id('publish-level');
    this.deadline = id('publish-deadline');
    this.honeypots = id('publish-honeypots');
    this.budget = id('publish-budget');
    this.submit = id('publish-submit');
    this.progress = id('publish-progress');
    this.done = id('publish-done');
    this.error = id('publish-error');
    this.existing = id('publish-existing');
    this.publishAgain = id('publish-again');
  }

  /** Opens the dialog from the open project and waits for its form (the project and hubs read). */
  async open(): Promise<this> {
    await this.page.getByTestId('publish-project').click();
    await expect(this.dialog).toBeVisible();
    await expect(this.submit).toBeVisible({ timeout: 15_000 });
    return this;
  }

  example(fileName: string): Locator {
    return this.dialog.locator(`[data-testid="publish-example"][data-file-name="${fileName}"]`);
  }

  async fill(terms: PublishTermsInput): Promise<void> {
    if (terms.title !== undefined) await this.title.fill(terms.title);
    if (terms.instructions !== undefined) await this.instructions.fill(terms.instructions);
    for (const fileName of terms.examples ?? []) await this.example(fileName).check();
    if (terms.redundancy !== undefined) await this.redundancy.fill(terms.redundancy);
    if (terms.reward !== undefined) await this.reward.fill(terms.reward);
    if (terms.reviewerFee !== undefined) await this.reviewerFee.fill(terms.reviewerFee);
    if (terms.level !== undefined) await this.level.fill(terms.level);
    if (terms.deadline !== undefined) await this.deadline.fill(terms.deadline);
    if (terms.honeypots !== undefined) await this.honeypots.setChecked(terms.honeypots);
  }

  /** Presses Publish and waits for the task (or fails with the dialog's error). */
  async publish(): Promise<Published> {
    await this.submit.click();
    await expect(this.done.or(this.error)).toBeVisible({ timeout: 60_000 });
    if (await this.error.isVisible()) throw new Error(`publish failed: ${await this.error.textContent()}`);
    return {
      taskId: (await this.done.getAttribute('data-task-id'))!,
      uploaded: Number(await this.done.getAttribute('data-uploaded')),
      skipped: Number(await this.done.getAttribute('data-skipped')),
    };
  }

  async close(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Close' }).click();
    await expect(this.dialog).toHaveCount(0);
  }
}
