import { sortCanonicalShapes, type CanonicalShape } from '../../sync/canonicalLabels';
import { normalizeVideoLabels, type CanonicalTrack, type CanonicalVideoLabels } from '../../sync/canonicalVideo';
import type { VideoDataset, VideoDescription, VideoKeyframe, VideoTrack } from './types';

/** A video item's labels as the network signs them: single-frame boxes and the video part (core/sync canonical form version 2). */
export interface CanonicalVideoItem {
  shapes: readonly CanonicalShape[];
  video: CanonicalVideoLabels;
}

/**
 * A video item's canonical labels as the formats' exchange form, for the
 * hub's export (MOT, CVAT video, COCO per frame write it). Tracks keep their
 * keyframes, `outside` and per-keyframe attributes (the formats' flags);
 * single-frame boxes become plain boxes with their attributes as flags;
 * frame tags and segments go as they are. Classes: `classes` first (the
 * task's, so MOT and COCO ids follow its schema), then any other class the
 * labels use. A track's own attributes have no place in any of the three
 * formats and are not written (the lineage's label hash covers them). A box
 * without a frame is not a video label: refused, naming it.
 */
export function videoDatasetFromCanonical(labels: CanonicalVideoItem, video: Omit<VideoDescription, 'frameCount'>, classes: readonly string[] = []): VideoDataset {
  const normalized = normalizeVideoLabels(labels.video);
  const shapes = sortCanonicalShapes(labels.shapes);
  const all = [...classes];
  const use = (name: string) => {
    if (!all.includes(name)) all.push(name);
  };
  const tracks = normalized.tracks.map((t): VideoTrack => {
    use(t.className);
    return {
      className: t.className,
      keyframes: t.keyframes.map((k): VideoKeyframe => ({ frame: k.frame, box: { ...k.box }, outside: k.outside === true, ...(k.attributes ? { attributes: { ...k.attributes } } : {}) })),
    };
  });
  const frameShapes = shapes.map((s, i) => {
    if (s.frame === undefined) throw new Error(`shapes[${i}] (${s.className}) has no frame: a video item's boxes are on frames`);
    use(s.className);
    return { frame: s.frame, className: s.className, box: { ...s.box }, ...(s.attributes ? { attributes: { ...s.attributes } } : {}) };
  });
  for (const t of normalized.frameTags) use(t.className);
  return {
    classes: all,
    video: { ...video, frameCount: normalized.frameCount },
    tracks,
    shapes: frameShapes,
    frameTags: normalized.frameTags.map((t) => ({ ...t })),
    segments: normalized.segments.map((s) => ({ startFrame: s.startFrame, endFrame: s.endFrame, tags: [...(s.tags ?? [])] })),
  };
}

/**
 * The exchange form back in canonical form (normalized: tracks and boxes in
 * canonical order), e.g. what an imported dataset file says, to compare
 * with the labels the lineage signs. Flags become attributes; classes are
 * names, so the dataset's class list does not matter.
 */
export function canonicalFromVideoDataset(dataset: VideoDataset): { shapes: CanonicalShape[]; video: CanonicalVideoLabels } {
  const tracks = dataset.tracks.map(
    (t): CanonicalTrack => ({
      className: t.className,
      keyframes: t.keyframes.map((k) => ({ frame: k.frame, box: { ...k.box }, ...(k.outside ? { outside: true as const } : {}), ...(k.attributes ? { attributes: { ...k.attributes } } : {}) })),
    }),
  );
  const video = normalizeVideoLabels({
    frameCount: dataset.video.frameCount,
    tracks,
    frameTags: dataset.frameTags.map((t) => ({ ...t })),
    segments: dataset.segments.map((s) => (s.tags.length > 0 ? { startFrame: s.startFrame, endFrame: s.endFrame, tags: [...s.tags] } : { startFrame: s.startFrame, endFrame: s.endFrame })),
  });
  const shapes = sortCanonicalShapes(dataset.shapes.map((s) => ({ className: s.className, box: { ...s.box }, frame: s.frame, ...(s.attributes ? { attributes: { ...s.attributes } } : {}) })));
  return { shapes, video };
}
