import { expect, type Locator, type Page } from '@playwright/test';

/** Project creation in the browser host: a typed folder path, an intake scan, a report, then create. */
export class NewProjectPage {
  readonly folderPath: Locator;
  readonly projectName: Locator;
  readonly scanButton: Locator;
  readonly report: Locator;
  readonly rejectedRows: Locator;
  readonly duplicateRows: Locator;
  readonly skipDuplicates: Locator;
  readonly createButton: Locator;
  readonly classesInput: Locator;

  constructor(readonly page: Page) {
    this.folderPath = page.getByTestId('folder-path-input');
    this.projectName = page.getByTestId('project-name-input');
    this.scanButton = page.getByTestId('scan-folder-button');
    this.report = page.getByTestId('intake-report');
    this.rejectedRows = page.getByTestId('intake-rejected-row');
    this.duplicateRows = page.getByTestId('intake-duplicate-row');
    this.skipDuplicates = page.getByTestId('skip-duplicates-checkbox');
    this.createButton = page.getByTestId('create-project-button');
    this.classesInput = page.getByTestId('label-classes-input');
  }

  async scan(folder: string, name: string): Promise<void> {
    await this.folderPath.fill(folder);
    await this.projectName.fill(name);
    await this.scanButton.click();
    await expect(this.report).toBeVisible({ timeout: 30_000 });
  }

  rejectedRow(relPath: string): Locator {
    return this.rejectedRows.filter({ hasText: relPath });
  }

  /** The quick class list shown with the report: names in order, so number key n is the n-th. */
  async setClasses(names: readonly string[]): Promise<void> {
    await this.classesInput.fill(names.join(', '));
  }

  async create(): Promise<void> {
    await this.createButton.click();
  }
}
