import { expect, type Locator, type Page } from '@playwright/test';

/** The requester's dashboard in the network view (renderer/ui/requester/dashboard): My tasks, one task's figures, the download. */
export class RequesterDashboard {
  readonly tasks: Locator;
  readonly dashboard: Locator;

  constructor(readonly page: Page) {
    this.tasks = page.getByTestId('requester-tasks');
    this.dashboard = page.getByTestId('task-dashboard');
  }

  /** Opens `taskId` from My tasks (the network view must be open) and waits for its first figures. */
  async open(taskId: string): Promise<void> {
    const row = this.tasks.locator(`[data-testid="requester-task"][data-task-id="${taskId}"]`);
    await expect(row).toBeVisible({ timeout: 30_000 });
    await row.click();
    await expect(this.dashboard).toHaveAttribute('data-task-id', taskId);
    await expect(this.figure('dashboard-open')).toBeVisible({ timeout: 30_000 });
  }

  figure(testId: string): Locator {
    return this.dashboard.getByTestId(testId);
  }

  /** A figure's exact value (counts, base units). */
  async value(testId: string): Promise<string> {
    return (await this.figure(testId).getAttribute('data-value')) ?? '';
  }

  async refresh(): Promise<void> {
    await this.dashboard.getByTestId('dashboard-refresh').click();
  }

  /** Chooses the format and folder and presses Download; resolves once the host says it saved the file or refused. */
  async download(format: string, folder: string, includeDisputed = false): Promise<{ done: Locator; error: Locator }> {
    await this.dashboard.getByTestId('export-format').selectOption(format);
    await this.dashboard.getByTestId('export-include-disputed').setChecked(includeDisputed);
    await this.dashboard.getByTestId('export-folder').fill(folder);
    const done = this.dashboard.getByTestId('export-done');
    const error = this.dashboard.getByTestId('export-error');
    await this.dashboard.getByTestId('export-download').click();
    await expect(done.or(error)).toBeVisible({ timeout: 60_000 });
    return { done, error };
  }
}
