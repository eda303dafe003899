import { z } from 'zod';
import { VideoInfoSchema } from '../../../core/model/item';

/** Result of the 'intake' job: every file decoded once; bad files listed with a reason and left out. */
export const IntakeReportSchema = z.object({
  rootId: z.string(),
  rootPath: z.string(),
  accepted: z.array(
    z.object({
      relPath: z.string(),
      width: z.number().int().positive(),
      height: z.number().int().positive(),
      sha256: z.string(),
      phash: z.string(),
      bytes: z.number().int().nonnegative(),
      /** Absent means image. Videos are probed on intake (not decoded whole); their phash comes from a middle frame. */
      kind: z.enum(['image', 'video']).optional(),
      video: VideoInfoSchema.optional(),
    }),
  ),
  rejected: z.array(z.object({ relPath: z.string(), reason: z.string() })),
  /** Files whose content equals (exact) or looks like (near: perceptual-hash distance ≤ threshold) an earlier accepted file. They stay in `accepted`; the user chooses to skip them. */
  duplicates: z.array(
    z.object({ relPath: z.string(), duplicateOf: z.string(), kind: z.enum(['exact', 'near']), distance: z.number().int().nonnegative() }),
  ),
});
export type IntakeReport = z.infer<typeof IntakeReportSchema>;
