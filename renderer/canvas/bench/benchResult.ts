// What the bench page reports, without DOM types, so the Node driver (bench/canvas/run.ts) shares it.

export type Scenario = 'panOut' | 'panIn' | 'zoom' | 'move' | 'resize';

export interface ScenarioResult {
  /** Animation frames per second over the run (pan and zoom: one camera change per frame). */
  fps: number;
  /** Static-layer redraws per second (a frame that did not redraw the boxes would be fast for the wrong reason). */
  drawsPerSecond: number;
  /** Main-thread work of each measured frame, ms: input → editor → history → React → Konva draw. */
  frameMs: number[];
  /** Drags: the work of each pointer-up frame (the commit: history, index, redraw of the changed area). */
  commitMs: number[];
  /** Zoom: the exact redraw once the zoom rests (ms of the bitmap update), one per gesture; the frames while zooming may show the bitmap scaled. */
  settleMs: number[];
  /** Boxes in view at the last full static redraw. */
  boxesInView: number;
  /** Static redraws by kind in the run. */
  draws: { full: number; partial: number; none: number; scaled: number };
}
