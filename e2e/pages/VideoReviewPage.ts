import { expect, type Locator, type Page } from '@playwright/test';
import { ReviewPage } from './ReviewPage';

/**
 * Reviewer mode on a disputed video item, driven from the keyboard
 * (renderer/review/runVideoReviewCommand.ts): Tab moves to the next part (a
 * track cluster, the segmentation, the frame tags), M takes the consensus
 * proposal for it, A…G an annotator's, Enter opens sign-and-submit.
 */
export class VideoReviewPage {
  readonly review: ReviewPage;
  readonly parts: Locator;

  constructor(readonly page: Page) {
    this.review = new ReviewPage(page);
    this.parts = page.getByTestId('review-object');
  }

  /** Downloads the disputes and opens `itemId`: its parts are listed, none decided yet. */
  async open(itemId: string): Promise<void> {
    await this.review.download();
    await expect(this.review.row(itemId)).toHaveCount(1);
    await this.review.openItem(itemId);
  }

  /** Every part in turn: `key` (M: the consensus) decides it, Tab goes on. Returns the parts' kinds as listed. */
  async decideEveryPart(key: string): Promise<string[]> {
    const count = await this.parts.count();
    const kinds: string[] = [];
    for (let i = 0; i < count; i++) {
      const part = this.parts.nth(i);
      await expect(part).toHaveAttribute('data-current', 'true');
      kinds.push((await part.getAttribute('data-kind')) ?? '');
      await this.page.keyboard.press(key);
      await expect(part).toHaveAttribute('data-choice', /.+/);
      if (i + 1 < count) await this.page.keyboard.press('Tab');
    }
    await expect(this.page.getByTestId('review-open-count')).toHaveAttribute('data-value', '0');
    return kinds;
  }

  /** Enter: the sign dialog shows the verdict; confirm signs and queues it. */
  async submitFromKeyboard(): Promise<{ item: string; labelsHash: string }> {
    await this.page.keyboard.press('Enter');
    await expect(this.page.getByTestId('verdict-summary')).toBeVisible({ timeout: 30_000 });
    const shown = { item: (await this.page.getByTestId('verdict-item').textContent())!, labelsHash: (await this.page.getByTestId('verdict-labels-hash').textContent())! };
    await this.page.getByTestId('confirm-verdict').click();
    await expect(this.page.getByTestId('verdict-sign-dialog')).toHaveCount(0, { timeout: 30_000 });
    return shown;
  }
}
