import type { Item } from '../../core/model/item';
import { FrameTagSchema, SegmentSchema, TrackSchema } from '../../core/model/track';
import type { VideoChange } from '../document/videoChange';
import { describeIssues, StoreError } from './errors';

/** Checks the video part of a commit before anything is applied: schema, owner, frame order. */
export function validateVideoChange(change: VideoChange, item: Pick<Item, 'id' | 'projectId' | 'kind'>): void {
  if (item.kind !== 'video') throw new StoreError(`commit: item ${item.id} is an image; tracks, frame tags and segments belong to video items`);
  change.tracks?.put.forEach((track, i) => {
    const parsed = TrackSchema.safeParse(track);
    if (!parsed.success) throw new StoreError(describeIssues(`commit: tracks.put[${i}] (track ${track?.id ?? '?'}) is invalid`, parsed.error.issues));
    checkOwner(`tracks.put[${i}] (track ${track.id})`, track, item);
    track.keyframes.forEach((k, j) => {
      const prev = track.keyframes[j - 1];
      if (prev && prev.frame >= k.frame) throw new StoreError(`commit: tracks.put[${i}] (track ${track.id}) keyframes[${j}] frame ${k.frame} is not after frame ${prev.frame}`);
    });
  });
  change.frameTags?.put.forEach((tag, i) => {
    const parsed = FrameTagSchema.safeParse(tag);
    if (!parsed.success) throw new StoreError(describeIssues(`commit: frameTags.put[${i}] (tag ${tag?.id ?? '?'}) is invalid`, parsed.error.issues));
    checkOwner(`frameTags.put[${i}] (tag ${tag.id})`, tag, item);
    if (tag.endFrame < tag.startFrame) throw new StoreError(`commit: frameTags.put[${i}] (tag ${tag.id}) ends at frame ${tag.endFrame}, before its start ${tag.startFrame}`);
  });
  change.segments?.segments.forEach((segment, i, all) => {
    const parsed = SegmentSchema.safeParse(segment);
    if (!parsed.success) throw new StoreError(describeIssues(`commit: segments[${i}] is invalid`, parsed.error.issues));
    const prev = all[i - 1];
    if (segment.endFrame < segment.startFrame) throw new StoreError(`commit: segments[${i}] ends at frame ${segment.endFrame}, before its start ${segment.startFrame}`);
    if (prev && segment.startFrame !== prev.endFrame + 1) throw new StoreError(`commit: segments[${i}] starts at frame ${segment.startFrame}, not right after segment ${i - 1} (ends ${prev.endFrame})`);
  });
}

function checkOwner(where: string, row: { itemId: string; projectId: string }, item: Pick<Item, 'id' | 'projectId'>): void {
  if (row.itemId !== item.id || row.projectId !== item.projectId) throw new StoreError(`commit: ${where} belongs to item ${row.itemId}, not the open item ${item.id}`);
}
