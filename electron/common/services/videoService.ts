import { z } from 'zod';
import { defineService, method } from '../contract/defineService';
import { VideoInfoSchema } from '../../../core/model/item';
import { BoxSchema } from '../../../core/model/shape';
import { RelPathSchema } from './mediaService';

const VideoRefSchema = { rootId: z.string().min(1), relPath: RelPathSchema };

export const VideoProbeSchema = z.object({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  info: VideoInfoSchema,
  /** Frame indices of the keyframes, ascending (from the cached keyframe index). */
  keyframes: z.array(z.number().int().nonnegative()),
});
export type VideoProbe = z.infer<typeof VideoProbeSchema>;

export const FrameImageSchema = z.object({
  frame: z.number().int().nonnegative(),
  /** 'image/jpeg' for a decoded frame; null bytes when the frame could not be decoded (shown as unreadable). */
  mime: z.string(),
  bytes: z.instanceof(Uint8Array).nullable(),
  width: z.number().int().nonnegative(),
  height: z.number().int().nonnegative(),
  error: z.string().optional(),
});
export type FrameImage = z.infer<typeof FrameImageSchema>;

/** Result of the 'shots' job. */
export const ShotsResultSchema = z.object({
  segments: z.array(z.object({ startFrame: z.number().int(), endFrame: z.number().int(), score: z.number() })),
  /** Boundary confidence of every frame (0 except where a shot starts), so the threshold can be changed without another pass. */
  scores: z.array(z.number()),
});
export type ShotsResult = z.infer<typeof ShotsResultSchema>;

/** Result of the 'autotrack' job: tracks with keyframes at the detection frames. */
export const AutoTrackResultSchema = z.object({
  tracks: z.array(
    z.object({
      className: z.string(),
      keyframes: z.array(z.object({ frame: z.number().int().nonnegative(), box: BoxSchema, score: z.number().min(0).max(1) })),
      /** The frame after the track's last detection where the object was gone: an outside keyframe belongs there. */
      endFrame: z.number().int().nonnegative().optional(),
    }),
  ),
});
export type AutoTrackResult = z.infer<typeof AutoTrackResultSchema>;

export const videoService = defineService(
  'video',
  {
    /** Probe and build (or load the cached) keyframe index. Clear errors for non-video, truncated, zero-frame or audio-only files. */
    probe: method(z.object(VideoRefSchema).strict(), VideoProbeSchema),
    /** Exactly frame N, from the frame cache or decoded; `direction` steers prefetch (play forward, scrub back). */
    getFrame: method(
      z.object({ ...VideoRefSchema, frame: z.number().int().nonnegative(), direction: z.enum(['forward', 'backward', 'none']).default('none') }).strict(),
      FrameImageSchema,
    ),
  },
  {},
);
