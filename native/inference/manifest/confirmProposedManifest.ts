import { writeFile } from 'node:fs/promises';
import type { ModelManifest } from '../types';
import { describeIssues, ModelManifestSchema } from './manifestSchema';

/** What the user may correct in a proposed manifest before confirming it. */
export type ManifestCorrections = Partial<Pick<ModelManifest, 'id' | 'name' | 'classes' | 'decoder' | 'defaults' | 'input'>>;

/**
 * Writes a proposed manifest (a listing marked `needsConfirmation`), with the
 * user's corrections, to `manifestPath` beside the model. From then on the
 * model is an ordinary manifest-declared model and is no longer proposed.
 * Refuses, naming the field, a manifest that would not parse, and never
 * overwrites an existing file (the user may have written one meanwhile).
 */
export async function confirmProposedManifest(proposed: ModelManifest, manifestPath: string, corrections: ManifestCorrections = {}): Promise<ModelManifest> {
  const parsed = ModelManifestSchema.safeParse({ ...proposed, ...corrections });
  if (!parsed.success) throw new Error(`the corrected manifest is not valid: ${describeIssues(parsed.error).join('; ')}`);
  try {
    await writeFile(manifestPath, `${JSON.stringify(parsed.data, null, 2)}\n`, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`${manifestPath} already exists; edit it instead of confirming the proposal`);
    throw error;
  }
  return parsed.data;
}
