import { FormatError, type FormatProblem } from '../../core/formats';

/**
 * Why an import stopped before anything was written, as data for the UI:
 * - format: the file is wrong (or belongs to the other importer); up to
 *   MAX_PROBLEMS problems listed, the rest counted;
 * - undetected: no format fits these files, the user should choose one;
 * - unreadable: anything else an importer threw (a bug, a file that is not
 *   text): still shown in the dialog, never an unhandled rejection.
 */
export type ImportFailure =
  | { kind: 'format'; file: string; problems: FormatProblem[]; moreProblems: number }
  | { kind: 'undetected'; files: string[] }
  | { kind: 'unreadable'; message: string };

export function importFailureOf(error: unknown): ImportFailure {
  if (error instanceof FormatError) return { kind: 'format', file: error.file, problems: error.problems, moreProblems: error.moreProblems };
  return { kind: 'unreadable', message: error instanceof Error ? error.message : String(error) };
}

/** The failure in one line, for a summary or a test. */
export function importFailureText(failure: ImportFailure): string {
  switch (failure.kind) {
    case 'format': {
      const [first] = failure.problems;
      const more = failure.problems.length - 1 + failure.moreProblems;
      return `${failure.file}${first?.location ? ` (${first.location})` : ''}: ${first?.reason ?? 'not readable'}${more > 0 ? ` (and ${more} more)` : ''}`;
    }
    case 'undetected':
      return `could not tell the format of ${failure.files.join(', ')}; choose it above`;
    case 'unreadable':
      return `could not read the files: ${failure.message}`;
  }
}
