import { expect, type Locator, type Page } from '@playwright/test';

/** The keyboard shortcuts overlay (F1): every mode's bindings from the one registry, rebindable. */
export class HelpOverlay {
  readonly root: Locator;
  readonly error: Locator;
  readonly classKeysHelp: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('help-overlay');
    this.error = page.getByTestId('keymap-error');
    this.classKeysHelp = page.getByTestId('class-keys-help');
  }

  async open(): Promise<this> {
    await this.page.keyboard.press('F1');
    await expect(this.root).toBeVisible();
    return this;
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.root).toHaveCount(0);
  }

  /** A command's n-th key button (the last one, after its keys, adds a key). */
  binding(command: string, index = 0): Locator {
    return this.root.locator(`[data-testid="key-binding"][data-command="${command}"][data-index="${index}"]`);
  }

  /** Clicks the binding, waits until it listens, presses the new key (Playwright's names: 'b', 'Shift+2'). */
  async rebind(command: string, key: string, index = 0): Promise<void> {
    await this.binding(command, index).click();
    await expect(this.binding(command, index)).toHaveText('press a key…');
    await this.page.keyboard.press(key);
    await expect(this.binding(command, index)).not.toHaveText('press a key…');
  }

  async restoreDefault(command: string): Promise<void> {
    await this.root.locator(`[data-testid="key-reset"][data-command="${command}"]`).click();
  }
}
