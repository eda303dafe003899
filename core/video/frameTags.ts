import type { FrameTag } from '../model/track';
import { newId } from '../util/ids';

export interface NewFrameTag {
  projectId: string;
  itemId: string;
  classId: string;
  startFrame: number;
  /** Inclusive; equal to startFrame for a single-frame tag. */
  endFrame: number;
  author: string;
  now: number;
}

/** A tag on one frame or an inclusive range; the range may be given in either order (a drag to the left). */
export function createFrameTag(input: NewFrameTag): FrameTag {
  for (const f of [input.startFrame, input.endFrame]) {
    if (!Number.isInteger(f) || f < 0) throw new Error(`frame must be a non-negative integer, got ${f}`);
  }
  return {
    id: newId('ftg_'),
    projectId: input.projectId,
    itemId: input.itemId,
    classId: input.classId,
    startFrame: Math.min(input.startFrame, input.endFrame),
    endFrame: Math.max(input.startFrame, input.endFrame),
    author: input.author,
    createdAt: input.now,
  };
}

export function tagCoversFrame(tag: Pick<FrameTag, 'startFrame' | 'endFrame'>, frame: number): boolean {
  return frame >= tag.startFrame && frame <= tag.endFrame;
}

/** The tags on `frame`, in startFrame order. */
export function tagsAtFrame<T extends Pick<FrameTag, 'startFrame' | 'endFrame'>>(tags: readonly T[], frame: number): T[] {
  return tags.filter((t) => tagCoversFrame(t, frame)).sort((a, b) => a.startFrame - b.startFrame);
}

export interface FrameTagRemoval {
  /** Ids of tags to delete. */
  removed: string[];
  /** Pieces of a removed tag that stay (a range with the frame cut out of its middle). */
  added: FrameTag[];
}

/**
 * Untag class `classId` on `frame` only: ranges covering it are cut, the
 * parts before and after survive as new tags (fresh ids, same author and
 * creation time, so the history shows who tagged them).
 */
export function untagFrame(tags: readonly FrameTag[], classId: string, frame: number): FrameTagRemoval {
  const result: FrameTagRemoval = { removed: [], added: [] };
  for (const tag of tags) {
    if (tag.classId !== classId || !tagCoversFrame(tag, frame)) continue;
    result.removed.push(tag.id);
    if (tag.startFrame < frame) result.added.push({ ...tag, id: newId('ftg_'), endFrame: frame - 1 });
    if (tag.endFrame > frame) result.added.push({ ...tag, id: newId('ftg_'), startFrame: frame + 1 });
  }
  return result;
}
