/**
 * Errors the engine throws on purpose. They cross the worker boundary as
 * { name, message } and are rebuilt on the calling side (see toErrorPayload
 * / fromErrorPayload), so callers can rely on `instanceof`.
 */

/** A model could not be loaded, or its manifest does not match it. The message says what differs. */
export class ModelLoadError extends Error {
  override name = 'ModelLoadError';
}

/** An image file could not be decoded; the message names the file and the reason. */
export class ImageDecodeError extends Error {
  override name = 'ImageDecodeError';
}

/** No manifest declares the requested model id. */
export class UnknownModelError extends Error {
  override name = 'UnknownModelError';
}

export interface ErrorPayload {
  name: string;
  message: string;
}

const known = { ModelLoadError, ImageDecodeError, UnknownModelError } as const;

export function toErrorPayload(error: unknown): ErrorPayload {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

export function fromErrorPayload(payload: ErrorPayload): Error {
  const Known = known[payload.name as keyof typeof known];
  return Known ? new Known(payload.message) : new Error(payload.message);
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
