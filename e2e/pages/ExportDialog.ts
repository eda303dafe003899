import { expect, type Download, type Page } from '@playwright/test';

export type ExportFormatId = 'coco' | 'yolo' | 'voc' | 'cvat' | 'labelstudio';

export class ExportDialog {
  constructor(readonly page: Page) {}

  /** Exports the open project and returns the folder the host wrote, as the result line names it. */
  async exportAs(format: ExportFormatId): Promise<string> {
    await this.page.getByTestId('export-button').click();
    await this.page.getByTestId('export-format-select').selectOption(format);
    await this.page.getByTestId('export-confirm-button').click();
    return this.writtenFolder();
  }

  /** YOLO with a seeded train/val split; answers the browser download and the counts the dialog shows. */
  async exportYoloSplit(valPercent: number, seed: number): Promise<{ download: Download; train: number; val: number }> {
    if (!(await this.page.getByTestId('export-dialog').isVisible())) await this.page.getByTestId('export-button').click();
    await this.page.getByTestId('export-format-select').selectOption('yolo');
    await this.page.getByTestId('export-split-toggle').check();
    await this.page.getByTestId('export-split-val-percent').fill(String(valPercent));
    await this.page.getByTestId('export-split-seed').fill(String(seed));
    const downloading = this.page.waitForEvent('download');
    await this.page.getByTestId('export-confirm-button').click();
    const download = await downloading;
    const counts = this.page.getByTestId('export-split-counts');
    await expect(counts).toBeVisible();
    await expect(this.page.getByTestId('export-delivery')).toHaveAttribute('data-kind', 'download');
    return { download, train: Number(await counts.getAttribute('data-train')), val: Number(await counts.getAttribute('data-val')) };
  }

  private async writtenFolder(): Promise<string> {
    const folder = this.page.getByTestId('export-result').locator('code');
    await expect(folder).toContainText('/');
    return ((await folder.textContent()) ?? '').trim();
  }
}
