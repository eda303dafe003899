import { z } from 'zod';
import { AttributeValueSchema } from './labelSchema';
import { BoxSchema } from './shape';

/**
 * A box that follows one object across the frames of a video (CVAT's
 * "track"). Only keyframes are stored; the frames between two keyframes are
 * interpolated linearly (core/video/interpolate.ts). An `outside` keyframe
 * ends visibility until the next inside keyframe (CVAT's O key).
 */
export const TrackKeyframeSchema = z.object({
  frame: z.number().int().nonnegative(),
  box: BoxSchema,
  outside: z.boolean().default(false),
  /** 'human' keyframes were placed or corrected by the annotator; 'model' ones come from auto-track detections. */
  source: z.enum(['human', 'model']).default('human'),
  score: z.number().min(0).max(1).optional(),
  /**
   * Per-frame flags an imported file carried (CVAT's `occluded`, MOT's
   * `visibility`); they hold from this keyframe until the next one, as
   * CVAT's mutable attributes do. Absent when there are none.
   */
  attributes: z.record(z.string(), AttributeValueSchema).optional(),
});
export type TrackKeyframe = z.infer<typeof TrackKeyframeSchema>;

export const TrackSchema = z.object({
  id: z.string().min(1),
  projectId: z.string().min(1),
  itemId: z.string().min(1),
  classId: z.string().min(1),
  attributes: z.record(z.string(), AttributeValueSchema).default({}),
  /** Sorted by frame, unique frames. */
  keyframes: z.array(TrackKeyframeSchema).min(1),
  author: z.string(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  version: z.number().int().nonnegative(),
});
export type Track = z.infer<typeof TrackSchema>;

/** A classification label on one frame or a frame range (inclusive), e.g. "night", "occluded camera". */
export const FrameTagSchema = z.object({
  id: z.string().min(1),
  projectId: z.string().min(1),
  itemId: z.string().min(1),
  classId: z.string().min(1),
  startFrame: z.number().int().nonnegative(),
  endFrame: z.number().int().nonnegative(),
  author: z.string(),
  createdAt: z.number().int(),
});
export type FrameTag = z.infer<typeof FrameTagSchema>;

/** A shot: a run of frames between two scene changes; split, merged and tagged by the annotator. */
export const SegmentSchema = z.object({
  startFrame: z.number().int().nonnegative(),
  /** Inclusive. */
  endFrame: z.number().int().nonnegative(),
  /** Scene-change score at startFrame (0 for the first segment). */
  score: z.number().min(0),
  tags: z.array(z.string()).default([]),
});
export type Segment = z.infer<typeof SegmentSchema>;
