import { expect, test } from '@playwright/test';
import { DISPUTED_TITLE, LABEL_BESIDE_TITLE } from '../electron/services/localNetwork/seedReviewDemo';
import { QUICK_DEMO_TITLE } from '../electron/services/localNetwork/seedDemoTask';
import { devnetHostForFile } from '../scripts/screenshots/devnetHost';
import { NetworkPage } from './pages/NetworkPage';
import { ProjectListPage } from './pages/ProjectListPage';
import { ReviewPage } from './pages/ReviewPage';

// A newcomer's `npm start`: the host starts its own local network (anvil,
// contracts, the embedded hub, the demo tasks with their simulated
// annotators). One click in the network view makes the user reviewer there,
// and reviewer mode opens on a seeded dispute.
const devnet = devnetHostForFile(test, 'e2e-devnet');

test('on its own local network, one click makes the user reviewer and reviewer mode opens on a dispute', async ({ page }) => {
  test.setTimeout(180_000);
  await new ProjectListPage(page).open(devnet.host().url);
  const network = await new NetworkPage(page).open();
  await network.createWallet('correct horse battery');
  // The local hub is the default and pinned by this workstation: connecting signs in without a trust prompt.
  await expect(page.getByTestId('hub-url-input')).toHaveValue(/^http:\/\/127\.0\.0\.1:\d+$/);
  await page.getByTestId('hub-connect').click();
  await expect(page.getByTestId('hub-status')).toHaveAttribute('data-signed-in', 'true', { timeout: 30_000 });
  await expect(page.getByTestId('trust-prompt')).toHaveCount(0);
  for (const title of [QUICK_DEMO_TITLE, LABEL_BESIDE_TITLE, DISPUTED_TITLE]) await expect(page.locator(`[data-testid="task-row"][data-task-title="${title}"]`)).toHaveCount(1);

  // Not a reviewer yet: the hub refuses the disputes.
  const review = new ReviewPage(page);
  await page.getByTestId('review-download').click();
  await expect(page.getByTestId('review-download-error')).toContainText(/review/i);

  const panel = page.getByTestId('devnet-reviewer-panel');
  await expect(panel).toContainText("operator's action on your own devnet");
  await expect(panel).toHaveAttribute('data-reviewer', 'false');
  await panel.getByTestId('devnet-make-reviewer').click();
  await expect(panel).toHaveAttribute('data-reviewer', 'true', { timeout: 30_000 });
  await expect(page.getByTestId('devnet-make-reviewer')).toHaveCount(0);
  await expect(page.getByTestId('hub-status')).toContainText('reviewer');

  // Reviewer mode: the seeded disputes (three simulated annotators each) download and open.
  await review.download();
  await expect(review.queueRows).toHaveCount(2);
  const itemId = (await review.queueRows.first().getAttribute('data-item-id'))!;
  await review.openItem(itemId);
  await expect(page.getByTestId('take-annotator').first()).toBeVisible();
});
