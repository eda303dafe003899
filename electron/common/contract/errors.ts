/** An error as it travels over the wire: plain data, no prototype, no stack. */
export interface SerializedError {
  name: string;
  message: string;
  details?: unknown;
}

/**
 * An error a host-side service raised on purpose with a message meant for the
 * user (e.g. "not an image"). Its name and details reach the renderer as-is.
 */
export class ServiceError extends Error {
  override name = 'ServiceError';
  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** The arguments of a call did not match the method's schema. */
export class InvalidArgumentsError extends ServiceError {
  override name = 'InvalidArgumentsError';
}

/** The renderer-side face of any failure on the host; `remoteName` is the host error's name. */
export class RemoteError extends Error {
  override name = 'RemoteError';
  readonly remoteName: string;
  readonly details: unknown;
  constructor(error: SerializedError) {
    super(error.message);
    this.remoteName = error.name;
    this.details = error.details;
  }
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof ServiceError) {
    return error.details === undefined
      ? { name: error.name, message: error.message }
      : { name: error.name, message: error.message, details: error.details };
  }
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

export function isSerializedError(value: unknown): value is SerializedError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as SerializedError).name === 'string' &&
    typeof (value as SerializedError).message === 'string'
  );
}
