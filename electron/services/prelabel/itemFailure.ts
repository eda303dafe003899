import type { ItemPredictions } from '../../common/services/inferenceService';

/**
 * Errors that would fail every other item too: the model cannot be used, or
 * the engine itself is gone. Recording them per item would turn one broken
 * model into thousands of identical "failed" lines, so they fail the job.
 * Anything else thrown while predicting one image (a decoder that chokes on
 * that image's output, an unsupported pixel format) belongs to that image.
 */
const JOB_FATAL_NAMES = new Set(['ModelLoadError', 'UnknownModelError']);
const ENGINE_GONE = [/^inference worker exited/, /^the inference engine has been (disposed|shut down)/];

export function failsWholeJob(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return JOB_FATAL_NAMES.has(error.name) || ENGINE_GONE.some((pattern) => pattern.test(error.message));
}

/** The reason shown to the user for one failed image; always names the file, by its path in the media folder. */
export function failureReason(relPath: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.includes(relPath) ? message : `${relPath}: ${message}`;
}

export function failedItem(itemId: string, relPath: string, error: unknown): Extract<ItemPredictions, { ok: false }> {
  return { ok: false, itemId, error: failureReason(relPath, error) };
}
