import { expect, type Locator, type Page } from '@playwright/test';

/** Reviewer mode (renderer/ui/review): the dispute queue on the network page and one disputed item. */
export class ReviewPage {
  readonly queueRows: Locator;
  readonly objects: Locator;

  constructor(readonly page: Page) {
    this.queueRows = page.getByTestId('review-queue-row');
    this.objects = page.getByTestId('review-object');
  }

  /** Downloads the hub's disputes (payloads and pictures) into the local store. */
  async download(): Promise<void> {
    await this.page.getByTestId('review-download').click();
    await expect(this.page.getByTestId('review-download-progress')).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
  }

  row(itemId: string): Locator {
    return this.page.locator(`[data-testid="review-queue-row"][data-item-id="${itemId}"]`);
  }

  async openItem(itemId: string): Promise<void> {
    await this.row(itemId).getByTestId('review-open').click();
    await expect(this.page.locator(`[data-testid="review-item"][data-item-id="${itemId}"]`)).toBeVisible();
    await expect(this.objects.first()).toBeVisible();
  }

  async select(index: number): Promise<void> {
    const object = this.objects.nth(index);
    await object.click();
    await expect(object).toHaveAttribute('data-current', 'true');
  }

  /** The take button of `annotator` for the current object (disabled when they drew nothing there). */
  takeButton(annotator: string): Locator {
    return this.page.locator(`[data-testid="take-annotator"][data-annotator="${annotator}"]`);
  }

  async takeAnnotator(index: number, annotator: string): Promise<void> {
    await this.takeButton(annotator).click();
    await expect(this.objects.nth(index)).toHaveAttribute('data-choice', 'annotator');
  }

  async drop(index: number): Promise<void> {
    await this.page.getByTestId('drop-object').click();
    await expect(this.objects.nth(index)).toHaveAttribute('data-choice', 'drop');
  }

  async setReason(reason: 'ok' | 'wrong_class' | 'loose_box' | 'missed_object' | 'extra_object'): Promise<void> {
    await this.page.getByTestId('reason-select').selectOption(reason);
    await expect(this.page.getByTestId('reason-select')).toHaveValue(reason);
  }

  /** Sign and submit: the verdict goes to the outbox, the dialog shows what is signed, then signs. Returns the summary. */
  async submitAndSign(): Promise<{ item: string; shapeCount: string; labelsHash: string }> {
    await expect(this.page.getByTestId('review-open-count')).toHaveAttribute('data-value', '0');
    await this.page.getByTestId('submit-verdict').click();
    await expect(this.page.getByTestId('verdict-summary')).toBeVisible({ timeout: 30_000 });
    const shown = {
      item: (await this.page.getByTestId('verdict-item').textContent())!,
      shapeCount: (await this.page.getByTestId('verdict-shape-count').textContent())!,
      labelsHash: (await this.page.getByTestId('verdict-labels-hash').textContent())!,
    };
    await this.page.getByTestId('confirm-verdict').click();
    await expect(this.page.getByTestId('verdict-sign-dialog')).toHaveCount(0, { timeout: 30_000 });
    return shown;
  }
}
