import { expect, type Locator, type Page } from '@playwright/test';

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
}
