import { Fft2d } from './fft';
import type { CentredBox, GrayImage } from './grayImage';
import { peakToSidelobe, type ResponsePeak } from './peakToSidelobe';
import { ScaleTemplate } from './scaleTemplate';
import { hannWindow, normalizePatch, samplePatch } from './samplePatch';

export interface MosseOptions {
  /** Side of the square patch the filter works on (power of two). Default 64: the cost per frame is fixed by it, not by the frame size. */
  patchSize?: number;
  /** Context around the box: the search region is the box × (1 + padding). Default 0.6 (more context teaches the filter the static background, which then holds the box back). */
  padding?: number;
  /** Weight of the newest frame in the running filter (Bolme's η). Default 0.1. */
  learningRate?: number;
  /** Relative sizes tried each frame against the object's appearance. Default [1/1.015, 1, 1.015]. */
  scales?: number[];
  /** Lowest PSR of a confident frame, whatever the object's typical PSR. Default 5. */
  confidentPsr?: number;
  /** Lowest PSR of a frame the filter learns from. Default 8. */
  learnPsr?: number;
  /** A frame is confident only if the box's content is at least this similar (NCC) to the object's appearance. Default 0.5. */
  minSimilarity?: number;
}

export interface MosseStep {
  box: CentredBox;
  psr: number;
  /** NCC of the box's content with the object's learned appearance, −1…1. */
  similarity: number;
  confident: boolean;
}

const REGULARIZATION = 0.01;
/** A tiny bias for the current size, so that equal scores do not walk the size. */
const SCALE_PENALTY = 0.999;
/** How fast the appearance template follows the object (slowly: a wrong size learned fast would become the truth). */
const TEMPLATE_RATE = 0.02;
/** Weight of the old velocity in its running average. */
const VELOCITY_KEEP = 0.7;
/**
 * PSR thresholds relative to the PSR this object typically gets (textures
 * differ widely between videos): confident from 40 % of it, learning from
 * 70 % (so learning stops early when an occluder comes in).
 */
const CONFIDENT_SHARE = 0.4;
const LEARN_SHARE = 0.7;

/**
 * MOSSE correlation filter (Bolme et al., "Visual Object Tracking using
 * Adaptive Correlation Filters", CVPR 2010): the filter H* = A / B is
 * learned in the Fourier domain from preprocessed patches around the object
 * (A = Σ G·F̄, B = Σ F·F̄, running averages), and the new position is the
 * peak of IFFT(F·H*). Around it:
 * - the search starts where the object should be (constant velocity);
 * - the size comes from comparing the box at three sizes with the object's
 *   own appearance (`ScaleTemplate`), as the filter itself is blind to size;
 * - a frame is confident when the peak is sharp (peak-to-sidelobe ratio)
 *   AND the box's content still looks like the object. Unsure frames neither
 *   move the box to the peak nor teach the filter: the box coasts, so an
 *   occluder is not learned and the object is found again where it comes out.
 */
export class MosseTracker {
  private readonly n: number;
  private readonly padding: number;
  private readonly rate: number;
  private readonly scales: number[];
  private readonly confidentPsr: number;
  private readonly learnPsr: number;
  private readonly minSimilarity: number;
  private readonly fft: Fft2d;
  private readonly window: Float32Array;
  private readonly targetRe: Float32Array;
  private readonly targetIm: Float32Array;
  private readonly numRe: Float32Array;
  private readonly numIm: Float32Array;
  private readonly den: Float32Array;
  private readonly re: Float32Array;
  private readonly im: Float32Array;
  private box: CentredBox;
  private readonly appearance: ScaleTemplate;
  /** Smoothed motion of the centre per frame: the search starts where the object should be, which keeps the static background from holding the box back. */
  private velocity = { x: 0, y: 0 };
  /** Running average of the PSR on frames the filter learned from (0 before the first). */
  private typicalPsr = 0;

  constructor(first: GrayImage, box: CentredBox, options: MosseOptions = {}) {
    this.n = options.patchSize ?? 64;
    this.padding = options.padding ?? 0.6;
    this.rate = options.learningRate ?? 0.1;
    this.scales = options.scales ?? [1 / 1.015, 1, 1.015];
    this.confidentPsr = options.confidentPsr ?? 5;
    this.learnPsr = options.learnPsr ?? 8;
    this.minSimilarity = options.minSimilarity ?? 0.5;
    if (!(box.w >= 1 && box.h >= 1)) throw new Error(`the box to track must be at least 1×1 px, got ${box.w}×${box.h}`);
    const n = this.n;
    this.fft = new Fft2d(n);
    this.window = hannWindow(n);
    [this.targetRe, this.targetIm] = gaussianTarget(n, n / (1 + this.padding) / 10, this.fft);
    this.numRe = new Float32Array(n * n);
    this.numIm = new Float32Array(n * n);
    this.den = new Float32Array(n * n);
    this.re = new Float32Array(n * n);
    this.im = new Float32Array(n * n);
    this.box = { ...box };
    this.appearance = new ScaleTemplate(first, this.box);
    this.learn(first, 1);
  }

  /** Where the object is on the next frame (frames in order), and how sure the tracker is. */
  update(image: GrayImage): MosseStep {
    const before = { cx: this.box.cx, cy: this.box.cy };
    this.box = { ...this.box, cx: this.box.cx + this.velocity.x, cy: this.box.cy + this.velocity.y };
    const peak = this.respond(image, 1);
    // PSR thresholds follow the PSR this object usually gets, as textures differ widely between videos.
    const sharpPeak = peak.psr >= Math.max(this.confidentPsr, CONFIDENT_SHARE * this.typicalPsr);
    let similarity = this.appearance.similarity(image, this.movedTo(peak));
    // A sharp peak on something else (the occluder, the background) is not the object: its content must look like it.
    const confident = sharpPeak && similarity >= this.minSimilarity;
    const learns = peak.psr >= Math.max(this.learnPsr, LEARN_SHARE * this.typicalPsr);
    if (confident) {
      this.box = this.rescaled(image, this.movedTo(peak));
      similarity = this.appearance.similarity(image, this.box);
      this.velocity = {
        x: VELOCITY_KEEP * this.velocity.x + (1 - VELOCITY_KEEP) * (this.box.cx - before.cx),
        y: VELOCITY_KEEP * this.velocity.y + (1 - VELOCITY_KEEP) * (this.box.cy - before.cy),
      };
      if (learns) {
        this.learn(image, this.rate);
        this.appearance.learn(image, this.box, TEMPLATE_RATE);
        this.typicalPsr = this.typicalPsr === 0 ? peak.psr : 0.9 * this.typicalPsr + 0.1 * peak.psr;
      }
    }
    // Unsure: the object is probably hidden. The box keeps the velocity step taken above (it coasts), so the
    // object is searched for where it should come out, and the filter does not learn the occluder.
    return { box: { ...this.box }, psr: peak.psr, similarity, confident };
  }

  /** The box moved to the response peak (the patch centre is where the filter wants the object). */
  private movedTo(peak: ResponsePeak): CentredBox {
    const regionW = this.box.w * (1 + this.padding);
    const regionH = this.box.h * (1 + this.padding);
    return { ...this.box, cx: this.box.cx + ((peak.x - this.n / 2) * regionW) / this.n, cy: this.box.cy + ((peak.y - this.n / 2) * regionH) / this.n };
  }

  /** The box at the size (of `scales`) whose content is most like the object's appearance. */
  private rescaled(image: GrayImage, box: CentredBox): CentredBox {
    let best = box;
    let bestScore = -Infinity;
    for (const scale of this.scales) {
      const candidate = { ...box, w: box.w * scale, h: box.h * scale };
      const score = this.appearance.similarity(image, candidate) * (scale === 1 ? 1 : SCALE_PENALTY);
      if (score > bestScore) [best, bestScore] = [candidate, score];
    }
    return best;
  }

  /** Correlation response of the filter on the region around the box at a relative scale. */
  private respond(image: GrayImage, scale: number): ResponsePeak {
    const { n, re, im, numRe, numIm, den } = this;
    this.transformRegion(image, scale);
    for (let i = 0; i < n * n; i++) {
      const d = den[i]! + REGULARIZATION;
      const hr = numRe[i]! / d;
      const hi = numIm[i]! / d;
      const fr = re[i]!;
      const fi = im[i]!;
      re[i] = fr * hr - fi * hi;
      im[i] = fr * hi + fi * hr;
    }
    this.fft.inverse2d(re, im);
    return peakToSidelobe(re, n, 5);
  }

  /** Blend the current patch into A and B with weight `rate` (1 = start over). */
  private learn(image: GrayImage, rate: number): void {
    const { n, re, im, numRe, numIm, den, targetRe, targetIm } = this;
    this.transformRegion(image, 1);
    const keep = 1 - rate;
    for (let i = 0; i < n * n; i++) {
      const fr = re[i]!;
      const fi = im[i]!;
      // A += G·conj(F), B += F·conj(F)
      numRe[i] = keep * numRe[i]! + rate * (targetRe[i]! * fr + targetIm[i]! * fi);
      numIm[i] = keep * numIm[i]! + rate * (targetIm[i]! * fr - targetRe[i]! * fi);
      den[i] = keep * den[i]! + rate * (fr * fr + fi * fi);
    }
  }

  /** FFT of the preprocessed patch around the box (scaled) into re/im. */
  private transformRegion(image: GrayImage, scale: number): void {
    const region = { cx: this.box.cx, cy: this.box.cy, w: this.box.w * (1 + this.padding) * scale, h: this.box.h * (1 + this.padding) * scale };
    normalizePatch(samplePatch(image, region, this.n, this.re), this.window);
    this.im.fill(0);
    this.fft.forward2d(this.re, this.im);
  }
}

/** Spectrum of the desired response: a Gaussian peak at the patch centre. */
function gaussianTarget(n: number, sigma: number, fft: Fft2d): [Float32Array, Float32Array] {
  const re = new Float32Array(n * n);
  const im = new Float32Array(n * n);
  const c = n / 2;
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) re[j * n + i] = Math.exp(-((i - c) ** 2 + (j - c) ** 2) / (2 * sigma * sigma));
  fft.forward2d(re, im);
  return [re, im];
}
