import { z } from 'zod';

export const ItemStatusSchema = z.enum(['new', 'in_progress', 'done']);
export type ItemStatus = z.infer<typeof ItemStatusSchema>;

export const ItemSchema = z.object({
  id: z.string().min(1),
  projectId: z.string().min(1),
  /** 'video' arrives with the video issue; the union is here so stores need no migration then. */
  kind: z.enum(['image']),
  /** Path relative to the project's media root, always with forward slashes. */
  relPath: z.string().min(1),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** 64-bit perceptual hash as 16 hex chars (dHash). */
  phash: z.string().regex(/^[0-9a-f]{16}$/),
  status: ItemStatusSchema,
  /** Position in the project's item list. */
  order: z.number().int().nonnegative(),
});
export type Item = z.infer<typeof ItemSchema>;
