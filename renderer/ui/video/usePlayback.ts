import { useEffect } from 'react';
import type { VideoController, VideoSnapshot } from '../../editor/video/videoController';

/**
 * While playing, moves on one frame per 1/fps once the current frame is on
 * screen: a slow host slows playback down instead of skipping frames.
 */
export function usePlayback(controller: VideoController, snapshot: VideoSnapshot, fps: number, shownFrame: number | null, unreadable: boolean): void {
  const { playing, frame } = snapshot;
  const ready = shownFrame === frame || unreadable;
  useEffect(() => {
    if (!playing || !ready) return;
    const timer = setTimeout(() => controller.advance(), 1000 / Math.max(1, fps));
    return () => clearTimeout(timer);
  }, [controller, playing, ready, frame, fps]);
}
