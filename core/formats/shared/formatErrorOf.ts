import { FormatError } from '../formatError';

/** For tests: the FormatError `step` throws. Anything else it throws, or returning normally, fails the test. */
export function formatErrorOf(step: () => unknown): FormatError {
  try {
    step();
  } catch (e) {
    if (e instanceof FormatError) return e;
    throw new Error(`expected a FormatError, got ${String(e)}`, { cause: e });
  }
  throw new Error('expected a FormatError, but it succeeded');
}
