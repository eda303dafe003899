import { z } from 'zod';

export const ItemStatusSchema = z.enum(['new', 'in_progress', 'done']);
export type ItemStatus = z.infer<typeof ItemStatusSchema>;

/** What the probe found; frames are addressed by index, never by time. */
export const VideoInfoSchema = z.object({
  frameCount: z.number().int().nonnegative(),
  /** Average frames per second (informational for VFR video: the index comes from real timestamps). */
  fps: z.number().positive(),
  durationSec: z.number().nonnegative(),
  variableFrameRate: z.boolean(),
  codec: z.string(),
  /** Display rotation in degrees clockwise (0, 90, 180, 270); width/height are after rotation. */
  rotation: z.number().int(),
});
export type VideoInfo = z.infer<typeof VideoInfoSchema>;

export const ItemSchema = z.object({
  id: z.string().min(1),
  projectId: z.string().min(1),
  kind: z.enum(['image', 'video']),
  /** Path relative to the project's media root, always with forward slashes. */
  relPath: z.string().min(1),
  /** The name to show instead of relPath: a hub item's file name (its files are named by sha256); display text only, never a path. */
  displayName: z.string().max(255).optional(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** 64-bit perceptual hash as 16 hex chars (dHash). */
  phash: z.string().regex(/^[0-9a-f]{16}$/),
  status: ItemStatusSchema,
  /** Position in the project's item list. */
  order: z.number().int().nonnegative(),
  /** Present when kind is 'video'; width/height above are the displayed frame size. */
  video: VideoInfoSchema.optional(),
});
export type Item = z.infer<typeof ItemSchema>;
