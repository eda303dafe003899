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

  async openProject(name: string): Promise<void> {
    await this.card(name).click();
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
