import type { Box } from '../../../core/model/shape';

/** A decoded image as PP-OCR's stages take it: raw RGB, 3 channels, row-major HWC. */
export interface RgbImage {
  data: Buffer;
  width: number;
  height: number;
}

export type Point = [number, number];

/** Four corners, clockwise from top-left, in original image pixels. */
export type Quad = [Point, Point, Point, Point];

export interface DetectOptions {
  /** Longer side of the network input, PaddleOCR det_limit_side_len (960). */
  limitSideLen?: number;
  /** Probability above which a pixel is text, det_db_thresh (0.3). */
  binThreshold?: number;
  /** Minimum mean probability inside a box, det_db_box_thresh (0.6). */
  boxThreshold?: number;
  /** How far the shrunk text kernel is grown back, det_db_unclip_ratio (1.5). */
  unclipRatio?: number;
  /** Components examined at most, max_candidates (1000). */
  maxCandidates?: number;
  /** Filled in when given, so a caller can report where the time went. */
  timings?: StageTimings;
}

/** Milliseconds spent per stage of one call. */
export interface StageTimings {
  preprocessMs: number;
  runMs: number;
  postprocessMs: number;
}

export interface TextDetection {
  box: Box;
  quad: Quad;
  score: number;
}

export interface TextRecognition {
  text: string;
  confidence: number;
}
