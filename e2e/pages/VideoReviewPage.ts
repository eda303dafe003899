import { expect, type Locator, type Page } from '@playwright/test';
import { ReviewPage } from './ReviewPage';

/**
 * Reviewer mode on a disputed video item (renderer/ui/review/VideoReviewView,
 * keys in renderer/review/runVideoReviewCommand.ts): the parts (track
 * clusters, the segmentation, the frame tags) listed as review objects, each
 * with a choice; Tab moves to the next part, M takes the merged (consensus)
 * one, A…G an annotator's, Enter opens sign-and-submit.
 */
export class VideoReviewPage {
  readonly review: ReviewPage;
  readonly parts: Locator;

  constructor(readonly page: Page) {
    this.review = new ReviewPage(page);
    this.parts = page.getByTestId('review-object');
  }

  /** Downloads the disputes (payloads and clips) and opens `itemId` as a video review. */
  async open(itemId: string): Promise<void> {
    await this.review.download();
    await this.review.row(itemId).getByTestId('review-open').click();
    const item = this.page.locator(`[data-testid="review-item"][data-item-id="${itemId}"]`);
    await expect(item).toHaveAttribute('data-kind', 'video', { timeout: 60_000 });
    await expect(this.parts.first()).toBeVisible({ timeout: 60_000 });
  }

  /** What each part is and how it stands: `[kind, choice]` in list order. */
  async partStates(): Promise<[string, string][]> {
    return this.parts.evaluateAll((els) => els.map((e) => [e.getAttribute('data-kind') ?? '', e.getAttribute('data-choice') ?? ''] as [string, string]));
  }

  /** The key that takes `annotator`'s work: annotators are lettered A, B, C… in the order the panel lists them. */
  async letterOf(annotator: string): Promise<string> {
    const listed = await this.page.getByTestId('annotator-toggle').evaluateAll((els) => els.map((e) => (e.getAttribute('data-annotator') ?? '').toLowerCase()));
    const index = listed.indexOf(annotator.toLowerCase());
    if (index < 0) throw new Error(`${annotator} is not among the item's annotators (${listed.join(', ')})`);
    return String.fromCharCode(97 + index);
  }

  /** Keys go to the review (the canvas has focus, not a field). */
  async focusCanvas(): Promise<void> {
    await this.page.locator('.canvas-container').first().click({ position: { x: 5, y: 5 } });
  }

  /** With part `index` current, presses `key` and expects the part's choice to become `choice`. */
  async decide(index: number, key: string, choice: string): Promise<void> {
    const part = this.parts.nth(index);
    await expect(part).toHaveAttribute('data-current', 'true');
    await this.page.keyboard.press(key);
    await expect(part).toHaveAttribute('data-choice', choice);
  }

  /** Tab: the next part becomes current. */
  async nextPart(index: number): Promise<void> {
    await this.page.keyboard.press('Tab');
    await expect(this.parts.nth(index)).toHaveAttribute('data-current', 'true');
  }

  /** Enter: the sign dialog shows the verdict; confirm signs and queues it. Returns what the dialog showed. */
  async submitFromKeyboard(): Promise<{ item: string; tracks: string; segments: string }> {
    await expect(this.page.getByTestId('review-open-count')).toHaveAttribute('data-value', '0');
    await this.page.keyboard.press('Enter');
    const summary = this.page.getByTestId('verdict-summary');
    const error = this.page.getByTestId('verdict-sign-error');
    await expect(summary.or(error)).toBeVisible({ timeout: 30_000 });
    // The host refusing to prepare the verdict is the failure to report, not a timeout.
    if (await error.isVisible()) expect((await error.textContent())?.trim(), 'the sign dialog shows an error instead of the verdict').toBe('');
    await expect(summary).toBeVisible();
    const text = async (id: string) => ((await this.page.getByTestId(id).textContent()) ?? '').trim();
    const shown = { item: await text('verdict-item'), tracks: await text('verdict-track-count'), segments: await text('verdict-segment-count') };
    await this.page.getByTestId('confirm-verdict').click();
    await expect(this.page.getByTestId('verdict-sign-dialog')).toHaveCount(0, { timeout: 30_000 });
    return shown;
  }
}
