/** One problem found in a file: where and why. */
export interface FormatProblem {
  location: string;
  reason: string;
}

/** The most problems one error lists; the rest are only counted, so a broken 50 MB file costs bounded memory. */
export const MAX_PROBLEMS = 20;

/**
 * An import problem that names the file and where in it (line for text/XML,
 * JSON path or object index for JSON), so the user can fix the file. When
 * the importer kept looking after the first problem, `problems` holds up to
 * MAX_PROBLEMS of them (the first is the one in `location`/`reason`) and
 * `moreProblems` counts those not listed.
 */
export class FormatError extends Error {
  readonly problems: FormatProblem[];
  constructor(
    readonly file: string,
    readonly location: string,
    readonly reason: string,
    problems?: FormatProblem[],
    readonly moreProblems = 0,
  ) {
    const total = (problems?.length ?? 1) + moreProblems;
    super(`${file}${location ? ` (${location})` : ''}: ${reason}${total > 1 ? ` (and ${total - 1} more problem${total - 1 === 1 ? '' : 's'})` : ''}`);
    this.name = 'FormatError';
    this.problems = problems && problems.length > 0 ? problems : [{ location, reason }];
  }

  /** Every problem found, listed or only counted. */
  get problemCount(): number {
    return this.problems.length + this.moreProblems;
  }
}

/**
 * Keeps the first MAX_PROBLEMS problems of one file and counts the rest;
 * `throwIfAny` ends the import with all of them in one FormatError.
 */
export class ProblemCollector {
  private readonly problems: FormatProblem[] = [];
  private more = 0;

  constructor(readonly file: string) {}

  add(location: string, reason: string): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ location, reason });
    else this.more++;
  }

  /** Adds a FormatError's problems (from a helper that throws) to this file's list. */
  addError(error: FormatError): void {
    for (const p of error.problems) this.add(p.location, p.reason);
    this.more += error.moreProblems;
  }

  get count(): number {
    return this.problems.length + this.more;
  }

  throwIfAny(): void {
    const first = this.problems[0];
    if (first) throw new FormatError(this.file, first.location, first.reason, this.problems, this.more);
  }
}

/** Runs `step`; a FormatError it throws is added to `problems` instead of ending the import. Returns undefined then. */
export function collecting<T>(problems: ProblemCollector, step: () => T): T | undefined {
  try {
    return step();
  } catch (e) {
    if (e instanceof FormatError) {
      problems.addError(e);
      return undefined;
    }
    throw e;
  }
}
