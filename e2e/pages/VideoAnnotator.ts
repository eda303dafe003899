import { expect, type Page } from '@playwright/test';
import { LabelingPage, type ImageRect } from './LabelingPage';
import { VideoPage } from './VideoPage';

const centre = (r: ImageRect) => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });

/**
 * An annotator's gestures in the frame labeling view of a video item (the
 * same canvas and frame engine as a local video): a track drawn on its first
 * keyframe and dragged to each next one (K), sent outside (O), a shot tagged.
 */
export class VideoAnnotator {
  readonly labeling: LabelingPage;
  readonly video: VideoPage;

  constructor(readonly page: Page) {
    this.labeling = new LabelingPage(page);
    this.video = new VideoPage(page);
  }

  /**
   * Draws `keyframes[0]` on its frame and makes it a track (T), then on each
   * next keyframe's frame drags the held box onto it and presses K; with
   * `outsideAt`, goes to that frame and presses O.
   */
  async track(className: string, keyframes: { frame: number; box: ImageRect }[], outsideAt: number | null): Promise<void> {
    const [first, ...rest] = keyframes;
    if (!first) throw new Error('a track needs a keyframe');
    await this.video.goToFrame(first.frame);
    await this.labeling.useClass(className);
    await this.labeling.drawBox(first.box);
    await this.video.expectSelectedBox(first.box);
    await this.labeling.press('t');
    await expect(this.video.selectedBoxKind).toHaveText('keyframe');
    let held = first.box;
    for (const next of rest) {
      await this.video.goToFrame(next.frame);
      await this.video.expectSelectedBox(held);
      await this.labeling.dragImage(centre(held), centre(next.box));
      await this.labeling.press('k');
      await this.video.expectSelectedBox(next.box);
      await expect(this.video.selectedBoxKind).toHaveText('keyframe');
      held = next.box;
    }
    if (outsideAt !== null) {
      await this.video.goToFrame(outsideAt);
      await this.video.expectSelectedBox(held);
      await this.labeling.press('o');
      // Out of view from here: no box on this frame, and the track's timeline gets an (outside) keyframe here.
      await expect(this.video.selectedBox).toHaveAttribute('data-box', '');
      await expect(this.labeling.shapeCount).toHaveText('0');
    }
    await expect.poll(() => this.video.keyframeFrames()).toEqual([...keyframes.map((k) => k.frame), ...(outsideAt === null ? [] : [outsideAt])]);
    // Nothing selected before the next box is drawn.
    await this.labeling.press('Escape');
  }

  /** Tags the shot under `frame` with `tag` in the Shots panel. */
  async tagShot(frame: number, tag: string): Promise<void> {
    await this.video.goToFrame(frame);
    await this.page.getByTestId('shot-tag-input').fill(tag);
    await this.page.getByRole('button', { name: 'Tag / untag' }).click();
    await expect(this.page.getByText(`Tags: ${tag}`)).toBeVisible();
  }
}
