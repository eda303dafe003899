import { z } from 'zod';

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
    }),
  ),
  rejected: z.array(z.object({ relPath: z.string(), reason: z.string() })),
  /** Files whose content equals (exact) or looks like (near: perceptual-hash distance ≤ threshold) an earlier accepted file. They stay in `accepted`; the user chooses to skip them. */
  duplicates: z.array(
    z.object({ relPath: z.string(), duplicateOf: z.string(), kind: z.enum(['exact', 'near']), distance: z.number().int().nonnegative() }),
  ),
});
export type IntakeReport = z.infer<typeof IntakeReportSchema>;
