import { z } from 'zod';
import { SegmentSchema } from './track';

/**
 * A video's shot segmentation as the document holds it: two records, so an
 * edit of the shots (split, merge, tag, re-cut) never carries every frame's
 * scene score into its undo step. `shots` is the segment list and the
 * threshold it was cut at; `sceneScores` is every frame's score from the
 * shots pass (changed only by a new pass). Each video has at most one of
 * each, under the fixed ids below.
 */
export const SHOTS_ID = 'shots';
export const SCENE_SCORES_ID = 'sceneScores';

export const ShotsSchema = z.object({
  id: z.literal(SHOTS_ID),
  segments: z.array(SegmentSchema),
  threshold: z.number(),
});
export type Shots = z.infer<typeof ShotsSchema>;

export const SceneScoresSchema = z.object({
  id: z.literal(SCENE_SCORES_ID),
  scores: z.array(z.number()),
});
export type SceneScores = z.infer<typeof SceneScoresSchema>;

/** The stored row of a video's shots (one per video item): both records together, with their owner. */
export const SegmentsRowSchema = z.object({
  itemId: z.string().min(1),
  projectId: z.string().min(1),
  segments: z.array(SegmentSchema),
  threshold: z.number(),
  scores: z.array(z.number()),
});
export type SegmentsRow = z.infer<typeof SegmentsRowSchema>;
