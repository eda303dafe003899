import { expect, type Locator, type Page } from '@playwright/test';

/** The pre-label panel of the labeling view: model, thresholds, runs, review and statistics. */
export class PrelabelPanel {
  readonly modelSelect: Locator;
  readonly provider: Locator;
  readonly confidence: Locator;
  readonly iou: Locator;
  readonly itemButton: Locator;
  readonly projectButton: Locator;
  readonly progress: Locator;
  readonly cancelButton: Locator;
  readonly resumeButton: Locator;
  readonly addClassesButton: Locator;
  readonly acceptAllButton: Locator;
  readonly stats: Locator;
  readonly exportCorrectionsButton: Locator;

  constructor(readonly page: Page) {
    this.modelSelect = page.getByTestId('model-select');
    this.provider = page.getByTestId('model-provider');
    this.confidence = page.getByTestId('confidence-input');
    this.iou = page.getByTestId('iou-input');
    this.itemButton = page.getByTestId('prelabel-item-button');
    this.projectButton = page.getByTestId('prelabel-project-button');
    this.progress = page.getByTestId('prelabel-progress');
    this.cancelButton = page.getByTestId('prelabel-cancel');
    this.resumeButton = page.getByTestId('prelabel-resume');
    this.addClassesButton = page.getByTestId('prelabel-add-classes-button');
    this.acceptAllButton = page.getByTestId('accept-all-button');
    this.stats = page.getByTestId('prelabel-stats');
    this.exportCorrectionsButton = page.getByTestId('export-corrections-button');
  }

  stat(name: 'accepted' | 'corrected' | 'rejected' | 'missed' | 'pending'): Locator {
    return this.page.getByTestId(`stat-${name}`);
  }

  /** Picks a model and waits until it has loaded (the provider it runs on is shown). */
  async chooseModel(modelId: string): Promise<void> {
    await this.modelSelect.selectOption(modelId);
    await expect(this.provider).toHaveText(/Runs on \w+/, { timeout: 60_000 });
  }

  async expectStats(expected: { accepted: number; corrected: number; rejected: number; missed?: number }): Promise<void> {
    for (const [name, value] of Object.entries(expected)) await expect(this.stat(name as 'accepted')).toHaveText(String(value));
  }
}
