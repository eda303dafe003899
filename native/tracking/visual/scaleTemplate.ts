import type { CentredBox, GrayImage } from './grayImage';
import { samplePatch } from './samplePatch';

const SIDE = 32;

/**
 * The object's own appearance (the box only, no context) as a small
 * zero-mean, unit-norm template. The correlation filter is sure about
 * position but blind to size, because it adapts to whatever size the box
 * has; comparing the box at a few sizes against this template (normalised
 * cross-correlation) tells which size the object has now.
 */
export class ScaleTemplate {
  private readonly template = new Float32Array(SIDE * SIDE);
  private readonly sample = new Float32Array(SIDE * SIDE);

  constructor(image: GrayImage, box: CentredBox) {
    this.template.set(this.read(image, box));
  }

  /** NCC (−1…1) of the box's content with the template. */
  similarity(image: GrayImage, box: CentredBox): number {
    const s = this.read(image, box);
    let dot = 0;
    for (let i = 0; i < s.length; i++) dot += s[i]! * this.template[i]!;
    return dot;
  }

  /** Blend the current appearance in (slowly: a wrong size learned fast would become the truth). */
  learn(image: GrayImage, box: CentredBox, rate: number): void {
    const s = this.read(image, box);
    let squares = 0;
    for (let i = 0; i < s.length; i++) {
      const v = (1 - rate) * this.template[i]! + rate * s[i]!;
      this.template[i] = v;
      squares += v * v;
    }
    const scale = 1 / (Math.sqrt(squares) + 1e-9);
    for (let i = 0; i < s.length; i++) this.template[i] = this.template[i]! * scale;
  }

  private read(image: GrayImage, box: CentredBox): Float32Array {
    const s = samplePatch(image, box, SIDE, this.sample);
    let sum = 0;
    for (let i = 0; i < s.length; i++) sum += s[i]!;
    const mean = sum / s.length;
    let squares = 0;
    for (let i = 0; i < s.length; i++) {
      const v = s[i]! - mean;
      s[i] = v;
      squares += v * v;
    }
    const scale = 1 / (Math.sqrt(squares) + 1e-9);
    for (let i = 0; i < s.length; i++) s[i] = s[i]! * scale;
    return s;
  }
}
