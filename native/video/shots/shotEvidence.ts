import { alignedUnlikeness, analysisFrame, type AnalysisFrame } from './analysisFrame';

/**
 * Per-frame evidence for shot boundaries, gathered in one streaming pass
 * over small gray frames (only the last few dozen frames are kept):
 *
 * - `cut[n]`: how unlike frame n is to frame n−1 at the best small shift
 *   (1 − correlation of the brightness-normalised half-size planes): about
 *   0 inside a shot even while the camera pans, near 1 across a hard cut.
 * - `cutReturn[n]`: for frames with a notable `cut[n]`, the least unlikeness
 *   between frame n−1 and frames n+1…n+4. A flash or a passing occluder
 *   comes back to what was there before; a new shot does not.
 * - `acrossFlat[n]`: for a picture right after flat frames (black, white),
 *   its unlikeness to the last picture before them, if that is at most
 *   FLAT_RUN_LIMIT frames back: a flash that whites out the picture comes
 *   back to the same view; a cut through a flat frame does not.
 * - `span[c]`: unlikeness of frames c−k and c+k, k = SPAN_HALF_WIDTH
 *   (quarter size): high across a dissolve or fade (fully for those up to
 *   2k frames long, enough for longer ones), but also inside a fast camera
 *   move or zoom, which is why decisions compare it with the same measure
 *   nearby.
 */
export const SPAN_HALF_WIDTH = 10;
/** Only frames at least this unlike their predecessor get the (costlier) return check. */
const RETURN_CHECK_FROM = 0.1;
const RETURN_LOOKAHEAD = 4;
const FLAT_RUN_LIMIT = 8;

export interface ShotEvidence {
  frameCount: number;
  cut: Float32Array;
  cutReturn: Float32Array;
  /** Standard deviation of each frame's gray levels: near 0 for the black frames of a fade. */
  spread: Float32Array;
  acrossFlat: Float32Array;
  span: Float32Array;
}

export class EvidenceCollector {
  readonly evidence: ShotEvidence;
  private readonly recent = new Map<number, AnalysisFrame>();
  private readonly keep = 2 * SPAN_HALF_WIDTH + 1;
  private last = -1;
  private lastPicture: { frame: number; analysis: AnalysisFrame } | null = null;

  constructor(frameCount: number) {
    this.evidence = {
      frameCount,
      cut: new Float32Array(frameCount),
      cutReturn: new Float32Array(frameCount).fill(1),
      spread: new Float32Array(frameCount),
      acrossFlat: new Float32Array(frameCount).fill(1),
      span: new Float32Array(frameCount),
    };
  }

  /** Frames must come in increasing order; gaps (frames the decoder dropped) are allowed. */
  push(frame: number, pixels: Uint8Array, width: number, height: number): void {
    if (frame <= this.last || frame >= this.evidence.frameCount) return;
    const here = analysisFrame(pixels, width, height);
    const { cut, cutReturn, span, spread, acrossFlat } = this.evidence;
    spread[frame] = here.spread;
    if (!here.flat) {
      const picture = this.lastPicture;
      if (picture && picture.frame < frame - 1 && picture.frame >= frame - 1 - FLAT_RUN_LIMIT) acrossFlat[frame] = alignedUnlikeness(picture.analysis, here, 0);
      this.lastPicture = { frame, analysis: here };
    }
    const previous = this.recent.get(this.last);
    if (previous) cut[frame] = alignedUnlikeness(previous, here, 0);
    // The return check of frame m needs frames up to m + RETURN_LOOKAHEAD: done when those arrive.
    for (let m = frame - RETURN_LOOKAHEAD; m < frame; m++) {
      const before = this.recent.get(m - 1);
      if (!before || !(cut[m]! >= RETURN_CHECK_FROM)) continue;
      const unlike = alignedUnlikeness(before, here, 0);
      cutReturn[m] = Math.min(cutReturn[m]!, unlike);
    }
    const start = this.recent.get(frame - 2 * SPAN_HALF_WIDTH);
    if (start) span[frame - SPAN_HALF_WIDTH] = alignedUnlikeness(start, here, 1);
    this.recent.set(frame, here);
    for (const old of this.recent.keys()) if (old < frame - this.keep) this.recent.delete(old);
    this.last = frame;
  }
}
