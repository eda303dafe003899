export type HostAccessProblem = 'missing-token' | 'refused' | 'unreachable';

/** Why the renderer could not reach its host; the UI shows a full-page explanation for each. */
export class HostAccessError extends Error {
  override name = 'HostAccessError';
  constructor(
    readonly problem: HostAccessProblem,
    message: string,
  ) {
    super(message);
  }
}
