import type { VideoFrameTag } from './types';

/** Frame tags in the one order every format reads and writes them: by start frame, then end frame, then class name. */
export function sortFrameTags(tags: readonly VideoFrameTag[]): VideoFrameTag[] {
  return [...tags].sort((a, b) => a.startFrame - b.startFrame || a.endFrame - b.endFrame || (a.className < b.className ? -1 : a.className > b.className ? 1 : 0));
}

/**
 * Ranges of the same class that overlap or touch become one range. Formats
 * that tag single frames (CVAT writes one <tag> per frame) can only say
 * "night on frames 3..9", not whether that was one tag or two; merging is
 * the reading that keeps what the frames show. `step` is the distance of
 * two frames that count as touching: a CVAT task that kept every 2nd frame
 * tags frames 0, 2, 4 for "frames 0 to 4".
 */
export function mergeFrameTags(tags: readonly VideoFrameTag[], step = 1): VideoFrameTag[] {
  const byClass = new Map<string, VideoFrameTag[]>();
  for (const tag of tags) {
    const ranges = byClass.get(tag.className);
    if (ranges) ranges.push(tag);
    else byClass.set(tag.className, [tag]);
  }
  const merged: VideoFrameTag[] = [];
  for (const ranges of byClass.values()) {
    ranges.sort((a, b) => a.startFrame - b.startFrame);
    let open: VideoFrameTag | undefined;
    for (const range of ranges) {
      if (open && range.startFrame <= open.endFrame + step) open.endFrame = Math.max(open.endFrame, range.endFrame);
      else {
        open = { ...range };
        merged.push(open);
      }
    }
  }
  return sortFrameTags(merged);
}
