import { expect, type Locator, type Page } from '@playwright/test';
import sharp from 'sharp';

export interface ImagePoint {
  x: number;
  y: number;
}
export interface ImageRect extends ImagePoint {
  w: number;
  h: number;
}
interface CameraAttr {
  x: number;
  y: number;
  zoom: number;
}

/**
 * The labeling view. Geometry is given in IMAGE pixels and mapped to the
 * screen through the canvas container's data-camera (screen = image * zoom +
 * (x, y), relative to the container), so a test draws exactly the box it
 * names whatever the window size or zoom.
 */
export class LabelingPage {
  readonly view: Locator;
  readonly canvas: Locator;
  readonly itemRows: Locator;
  readonly shapeCount: Locator;
  readonly selectedShapeClass: Locator;

  constructor(readonly page: Page) {
    this.view = page.getByTestId('labeling-view');
    this.canvas = page.getByTestId('canvas-container');
    this.itemRows = page.getByTestId('item-row');
    this.shapeCount = page.getByTestId('shape-count');
    this.selectedShapeClass = page.getByTestId('selected-shape-class');
  }

  /** What an annotator checks before closing the window: the status bar says every edit is in IndexedDB. */
  async expectAllSaved(): Promise<void> {
    await expect(this.page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  }

  async waitUntilReady(): Promise<this> {
    await expect(this.view).toBeVisible();
    await expect(this.canvas).toHaveAttribute('data-camera', /zoom/);
    await expect(this.currentItem).toBeVisible();
    return this;
  }

  get currentItem(): Locator {
    return this.page.locator('[data-testid="item-row"][data-selected="true"]');
  }

  item(relPath: string): Locator {
    return this.page.locator(`[data-testid="item-row"][data-rel-path="${relPath}"]`);
  }

  classRow(name: string): Locator {
    return this.page.locator(`[data-testid="class-row"][data-class-name="${name}"]`);
  }

  async camera(): Promise<CameraAttr> {
    const raw = await this.canvas.getAttribute('data-camera');
    if (!raw) throw new Error('canvas-container has no data-camera attribute');
    return JSON.parse(raw) as CameraAttr;
  }

  /** Page coordinates of an image point. */
  async toScreen(p: ImagePoint): Promise<ImagePoint> {
    const [camera, bounds] = await Promise.all([this.camera(), this.canvas.boundingBox()]);
    if (!bounds) throw new Error('canvas-container is not on screen');
    return { x: bounds.x + p.x * camera.zoom + camera.x, y: bounds.y + p.y * camera.zoom + camera.y };
  }

  /** Makes `relPath` the current item and waits until its image is placed on the canvas. */
  async openItem(relPath: string): Promise<void> {
    const row = this.item(relPath);
    if ((await row.getAttribute('data-selected')) !== 'true') await row.click();
    await expect(row).toHaveAttribute('data-selected', 'true');
    // The status bar shows the item's name (a hub item's file name) and keeps its path as the tooltip.
    await expect(this.page.getByTestId('status-item-name')).toHaveAttribute('title', relPath);
    await expect(this.page.getByTestId('status-item-name')).toHaveText(/ · \d+×\d+$/);
  }

  /** Makes `name` the class new boxes get, by clicking its row. */
  async useClass(name: string): Promise<void> {
    await this.classRow(name).click();
  }

  /** N, then a drag from the rect's top-left to its bottom-right corner. */
  async drawBox(rect: ImageRect): Promise<void> {
    const before = Number(await this.shapeCount.textContent());
    const from = await this.toScreen(rect);
    const to = await this.toScreen({ x: rect.x + rect.w, y: rect.y + rect.h });
    await this.page.keyboard.press('n');
    await this.page.mouse.move(from.x, from.y);
    await this.page.mouse.down();
    await this.page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
    await this.page.mouse.move(to.x, to.y, { steps: 4 });
    await this.page.mouse.up();
    await expect(this.shapeCount).toHaveText(String(before + 1));
  }

  /** A click at an image point (selects the shape there in the select tool). */
  async selectAt(p: ImagePoint): Promise<void> {
    const s = await this.toScreen(p);
    await this.page.mouse.click(s.x, s.y);
  }

  /** A left-button drag between two image points (moves the box under `from` in the select tool). */
  async dragImage(from: ImagePoint, to: ImagePoint): Promise<void> {
    const a = await this.toScreen(from);
    const b = await this.toScreen(to);
    await this.page.mouse.move(a.x, a.y);
    await this.page.mouse.down();
    await this.page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 4 });
    await this.page.mouse.move(b.x, b.y, { steps: 4 });
    await this.page.mouse.up();
  }

  /** The colour the canvas shows at an image point, read from a real screenshot. */
  async colorAt(p: ImagePoint): Promise<[number, number, number]> {
    const s = await this.toScreen(p);
    const png = await this.page.screenshot({ clip: { x: Math.floor(s.x), y: Math.floor(s.y), width: 1, height: 1 } });
    const rgb = await sharp(png).removeAlpha().raw().toBuffer();
    return [rgb[0]!, rgb[1]!, rgb[2]!];
  }

  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }
}
