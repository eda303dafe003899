import type { LabelClass, LabelSchema } from '../model/labelSchema';
import type { FrameTag, Segment, Track } from '../model/track';
import type { CanonicalKeyframe, CanonicalTrack, CanonicalVideoLabels } from './canonicalVideo';
import { normalizeVideoLabels } from './canonicalVideo';
import { classOf, namedAttributes } from './fromProjectShapes';

/** A video item's local records, as the store holds them. */
export interface ProjectVideoLabels {
  /** The frame count of the workstation's OWN probe of the file (never a number a hub announced). */
  frameCount: number;
  tracks: readonly Track[];
  frameTags: readonly FrameTag[];
  /** The item's shots; null or empty when none were found or made. */
  segments: readonly Segment[] | null;
}

function canonicalTrack(track: Track, classes: ReadonlyMap<string, LabelClass>): CanonicalTrack {
  const what = `track ${track.id}`;
  const cls = classOf(classes, track.classId, what);
  const keyframes = track.keyframes.map((k): CanonicalKeyframe => {
    // source and score stay local: a model keyframe of a done item is the annotator's answer like any other.
    const out: CanonicalKeyframe = { frame: k.frame, box: { ...k.box } };
    if (k.outside) out.outside = true;
    // Per-frame flags are stored by name already (imported occluded/visibility).
    if (k.attributes && Object.keys(k.attributes).length > 0) out.attributes = { ...k.attributes };
    return out;
  });
  const out: CanonicalTrack = { className: cls.name, keyframes };
  const attributes = namedAttributes(cls, track.attributes, what);
  if (attributes) out.attributes = attributes;
  return out;
}

/** Runs a check of one record and says which record failed. */
function located<T>(what: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    // The record was checked alone, as element 0: its own path reads better without that index.
    throw new Error(`${what}: ${(error as Error).message.replace(/^(tracks|frameTags)\[0\]\.?:? ?/, '')}`);
  }
}

/**
 * A video item's tracks, frame tags and shots in the form a batch carries
 * (core/sync/canonicalVideo.ts): classes and attributes by NAME, keyframe
 * `source`/`score`, scene-change scores and record ids left out. Every record
 * is checked against the frame count here, so an error names the track or
 * tag by its id instead of an index of the canonical form.
 */
export function toCanonicalVideo(video: ProjectVideoLabels, schema: LabelSchema): CanonicalVideoLabels {
  const { frameCount } = video;
  if (!Number.isInteger(frameCount) || frameCount < 1) throw new Error(`the video's frame count is ${String(frameCount)}: probe the file again (it must have at least one frame)`);
  const classes = new Map(schema.classes.map((c) => [c.id, c]));
  const tracks = video.tracks.map((track) => {
    const canonical = canonicalTrack(track, classes);
    located(`track ${track.id}`, () => normalizeVideoLabels({ frameCount, tracks: [canonical], frameTags: [], segments: [] }));
    return canonical;
  });
  const frameTags = video.frameTags.map((tag) => {
    const canonical = { className: classOf(classes, tag.classId, `frame tag ${tag.id}`).name, startFrame: tag.startFrame, endFrame: tag.endFrame };
    located(`frame tag ${tag.id}`, () => normalizeVideoLabels({ frameCount, tracks: [], frameTags: [canonical], segments: [] }));
    return canonical;
  });
  const segments = (video.segments ?? []).map((s) => (s.tags.length > 0 ? { startFrame: s.startFrame, endFrame: s.endFrame, tags: [...s.tags] } : { startFrame: s.startFrame, endFrame: s.endFrame }));
  located('shots', () => normalizeVideoLabels({ frameCount, tracks: [], frameTags: [], segments }));
  return { frameCount, tracks, frameTags, segments };
}
