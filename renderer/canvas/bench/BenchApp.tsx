import { useMemo, useState } from 'react';
import { flushSync } from 'react-dom';
import type { Camera, Viewport } from '../../editor/types';
import { LabelCanvas, type CanvasSnapshot } from '../LabelCanvas';
import { benchCamera } from './cameraPath';
import { benchItem, benchSchema, syntheticImageUrl, syntheticShapes } from './syntheticScene';

export interface BenchRunResult {
  /** requestAnimationFrame callbacks in the run: frames the page got to produce. */
  frames: number;
  /** Redraws of the static shapes layer in the run, and the boxes the last one drew. */
  staticDraws: number;
  lastBoxesDrawn: number;
  ms: number;
}

const drawStats = { draws: 0, lastBoxes: 0 };
const countDraw = (boxes: number) => {
  drawStats.draws++;
  drawStats.lastBoxes = boxes;
};

declare global {
  interface Window {
    __canvasBench?: { run(durationMs: number): Promise<BenchRunResult> };
  }
}

/** Mounts the real LabelCanvas with N synthetic boxes and exposes a rAF-driven pan+zoom run to the bench driver. */
export function BenchApp({ boxCount }: { boxCount: number }) {
  const shapes = useMemo(() => syntheticShapes(boxCount), [boxCount]);
  const imageUrl = useMemo(() => syntheticImageUrl(), []);
  const viewport: Viewport = { width: window.innerWidth, height: window.innerHeight };
  const [camera, setCamera] = useState<Camera>(() => benchCamera(0, viewport));

  window.__canvasBench = {
    run: (durationMs) =>
      new Promise((resolve) => {
        let frames = 0;
        let t0 = -1;
        drawStats.draws = 0;
        const tick = (now: number) => {
          if (t0 < 0) t0 = now;
          const t = now - t0;
          if (t >= durationMs) return resolve({ frames, staticDraws: drawStats.draws, lastBoxesDrawn: drawStats.lastBoxes, ms: t });
          // flushSync: the frame's React render and Konva batchDraw happen in this very frame budget.
          flushSync(() => setCamera(benchCamera(t, viewport)));
          frames++;
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  };

  const snapshot: CanvasSnapshot = {
    item: benchItem,
    labelSchema: benchSchema,
    shapes,
    selectedIds: [],
    hoveredId: null,
    preview: null,
    camera,
    toolState: 'select.idle',
    cursor: 'default',
  };
  return (
    <div style={{ position: 'fixed', inset: 0, display: 'flex' }}>
      <LabelCanvas snapshot={snapshot} imageUrl={imageUrl} input={null} onStaticDraw={countDraw} />
    </div>
  );
}
