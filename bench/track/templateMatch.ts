import type { Box } from '../../core/model/shape';
import type { GrayImage } from '../../native/tracking';

/**
 * The baseline: plain template matching, the textbook answer. The first
 * frame's box is the template; on each frame every position within ±radius
 * of the last one is scored by the sum of absolute differences (template
 * and window subsampled every `step` px to keep it near real time), and the
 * box moves to the best. No scale, no update, no notion of being lost.
 */
export class TemplateMatcher {
  private readonly template: Uint8Array;
  private readonly tw: number;
  private readonly th: number;
  private x: number;
  private y: number;

  constructor(first: GrayImage, box: Box, private readonly radius = 24, private readonly step = 2) {
    this.x = Math.round(box.x);
    this.y = Math.round(box.y);
    this.tw = Math.round(box.w);
    this.th = Math.round(box.h);
    this.template = new Uint8Array(this.tw * this.th);
    for (let j = 0; j < this.th; j++) for (let i = 0; i < this.tw; i++) this.template[j * this.tw + i] = first.pixels[clampY(first, this.y + j) * first.width + clampX(first, this.x + i)]!;
  }

  update(image: GrayImage): Box {
    const { tw, th, step, template } = this;
    let best = Infinity;
    let bx = this.x;
    let by = this.y;
    for (let dy = -this.radius; dy <= this.radius; dy += step) {
      for (let dx = -this.radius; dx <= this.radius; dx += step) {
        const ox = this.x + dx;
        const oy = this.y + dy;
        if (ox < 0 || oy < 0 || ox + tw > image.width || oy + th > image.height) continue;
        let sad = 0;
        for (let j = 0; j < th && sad < best; j += step) {
          const row = (oy + j) * image.width + ox;
          const trow = j * tw;
          for (let i = 0; i < tw; i += step) sad += Math.abs(image.pixels[row + i]! - template[trow + i]!);
        }
        if (sad < best) [best, bx, by] = [sad, ox, oy];
      }
    }
    this.x = bx;
    this.y = by;
    return { x: bx, y: by, w: tw, h: th };
  }
}

const clampX = (image: GrayImage, x: number) => Math.max(0, Math.min(image.width - 1, x));
const clampY = (image: GrayImage, y: number) => Math.max(0, Math.min(image.height - 1, y));
