import { expect, type Locator, type Page } from '@playwright/test';
import type { ImagePoint } from './LabelingPage';

/** The frame labeling view of a video item (drawing goes through LabelingPage: same canvas, same camera). */
export class VideoPage {
  readonly view: Locator;
  readonly frameNumber: Locator;
  readonly segments: Locator;
  readonly keyframeMarks: Locator;
  readonly selectedBox: Locator;
  readonly selectedBoxKind: Locator;
  readonly makeTrackButton: Locator;

  constructor(readonly page: Page) {
    this.view = page.getByTestId('video-view');
    this.frameNumber = page.getByTestId('frame-number');
    this.segments = page.getByTestId('segment');
    this.keyframeMarks = page.getByTestId('keyframe-mark');
    this.selectedBox = page.getByTestId('selected-box');
    this.selectedBoxKind = page.getByTestId('selected-box-kind');
    this.makeTrackButton = page.getByTestId('make-track-button');
  }

  async waitUntilOpen(): Promise<void> {
    await expect(this.view).toBeVisible({ timeout: 20_000 });
  }

  /** Types the frame into the go-to field and waits until that exact frame's picture is on the canvas. */
  async goToFrame(frame: number): Promise<void> {
    const input = this.page.getByTestId('goto-frame-input');
    await input.fill(String(frame));
    await input.press('Enter');
    await expect(this.frameNumber).toHaveText(String(frame));
    await expect(this.page.locator('.canvas-wrap')).toHaveAttribute('data-shown-frame', String(frame), { timeout: 15_000 });
    // Leave the field, so frame keys reach the view again.
    await input.blur();
  }

  async keyframeFrames(): Promise<number[]> {
    return (await this.keyframeMarks.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-frame'))))).sort((a, b) => a - b);
  }

  async segmentRanges(): Promise<[number, number][]> {
    return this.segments.evaluateAll((els) => els.map((e) => [Number(e.getAttribute('data-start')), Number(e.getAttribute('data-end'))] as [number, number]));
  }

  /** Exports this video's labels in a format and returns the folder the host wrote. */
  async exportAs(format: 'mot' | 'cvat-video' | 'coco-video'): Promise<string> {
    await this.page.getByTestId('video-format-select').selectOption(format);
    await this.page.getByTestId('video-export-button').click();
    const result = this.page.getByTestId('video-export-result');
    await expect(result).toContainText('/');
    return ((await result.textContent()) ?? '').trim();
  }

  /** The selected box's geometry is not printed in the toolbar (its tooltip says it in words); `data-box` holds x,y,w,h. */
  async expectSelectedBox(box: ImagePoint & { w: number; h: number }): Promise<void> {
    await expect(this.selectedBox).toHaveAttribute('data-box', `${box.x},${box.y},${box.w},${box.h}`);
  }

  /** The frame controls' toolbar (its height must not change with what is selected). */
  get frameControls(): Locator {
    return this.page.getByRole('toolbar', { name: 'Frames' });
  }

  /** Clicks the timeline where it shows a frame (frame f sits at f / (count − 1) of its width). */
  async clickTimelineAt(frame: number): Promise<void> {
    const timeline = this.page.getByTestId('timeline');
    const box = (await timeline.boundingBox())!;
    const count = Number(await timeline.getAttribute('data-frame-count'));
    await timeline.click({ position: { x: (frame / (count - 1)) * box.width, y: box.height / 2 } });
  }
}
