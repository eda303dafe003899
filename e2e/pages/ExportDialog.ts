import { expect, type Page } from '@playwright/test';

export type ExportFormatId = 'coco' | 'yolo' | 'voc' | 'cvat' | 'labelstudio';

export class ExportDialog {
  constructor(readonly page: Page) {}

  /** Exports the open project and returns the folder the host wrote, as the result line names it. */
  async exportAs(format: ExportFormatId): Promise<string> {
    await this.page.getByTestId('export-button').click();
    await this.page.getByTestId('export-format-select').selectOption(format);
    await this.page.getByTestId('export-confirm-button').click();
    const result = this.page.getByTestId('export-result');
    await expect(result).toContainText('/');
    const text = (await result.textContent()) ?? '';
    const folder = text.match(/(\/[^\s"'`]+)/)?.[1];
    if (!folder) throw new Error(`export-result names no folder: "${text}"`);
    return folder;
  }
}
