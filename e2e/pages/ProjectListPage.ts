import { expect, type Locator, type Page } from '@playwright/test';
import { NewProjectPage } from './NewProjectPage';

export class ProjectListPage {
  readonly list: Locator;
  readonly cards: Locator;
  readonly newProjectButton: Locator;
  readonly demoButton: Locator;

  constructor(readonly page: Page) {
    this.list = page.getByTestId('project-list');
    this.cards = page.getByTestId('project-card');
    this.newProjectButton = page.getByTestId('new-project-button');
    this.demoButton = page.getByTestId('demo-project-button');
  }

  /** Opens the app at the host's URL (token included) and waits for the project list. */
  async open(url: string): Promise<this> {
    await this.page.goto(url);
    await expect(this.list).toBeVisible();
    return this;
  }

  card(name: string): Locator {
    return this.page.locator(`[data-testid="project-card"][data-project-name="${name}"]`);
  }

  /** Opens a project from the list; after a reload the app may be back in a project, so it returns to the list first. */
  async openProject(name: string): Promise<void> {
    const back = this.page.getByTestId('back-to-projects');
    await expect(this.list.or(back)).toBeVisible();
    if (await back.isVisible()) await back.click();
    await this.card(name).getByTestId('open-project').click();
  }

  /** Renames through the card's dialog; resolves once the dialog is gone. */
  async renameProject(name: string, newName: string): Promise<void> {
    await this.card(name).getByTestId('rename-project-button').click();
    await this.page.getByTestId('rename-project-input').fill(newName);
    await this.page.getByTestId('rename-project-save').click();
    await expect(this.page.getByTestId('rename-project-dialog')).toBeHidden();
  }

  /** Opens the delete confirmation of a project; the caller reads it and confirms or cancels. */
  async openDeleteDialog(name: string): Promise<Locator> {
    await this.card(name).getByTestId('delete-project-button').click();
    const dialog = this.page.getByTestId('delete-project-dialog');
    await expect(dialog.getByTestId('delete-project-summary')).toBeVisible();
    return dialog;
  }

  /** Opens "Add files…" of a project, scans `folder` and returns the dialog with its plan shown. */
  async scanFilesToAdd(name: string, folder: string): Promise<Locator> {
    await this.card(name).getByTestId('add-media-button').click();
    const dialog = this.page.getByTestId('add-media-dialog');
    await dialog.getByTestId('add-media-folder-input').fill(folder);
    await dialog.getByTestId('add-media-scan').click();
    await expect(dialog.getByTestId('add-media-summary').or(dialog.getByTestId('add-media-refused'))).toBeVisible({ timeout: 30_000 });
    return dialog;
  }

  /** New project from an image folder with a quick class list; `keepDuplicates` adds near-identical images too. */
  async createImageProject(folder: string, name: string, classes: readonly string[], options: { keepDuplicates?: boolean } = {}): Promise<void> {
    await this.newProjectButton.click();
    const intake = new NewProjectPage(this.page);
    await intake.scan(folder, name);
    await intake.setClasses(classes);
    if (options.keepDuplicates) await intake.skipDuplicates.uncheck();
    await intake.create();
  }
}
