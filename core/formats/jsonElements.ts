import type { z } from 'zod';
import type { ProblemCollector } from './formatError';
import { jsonPath } from './shared/jsonFile';

/**
 * Checks a JSON array element by element: each bad element is one problem
 * at its JSON path (the first issue zod finds in it), collected in bounded
 * memory, and the good ones are returned with their index for the importer
 * to go on with. Validating a million-element array as one schema would
 * keep every issue of every element; this keeps MAX_PROBLEMS and a count.
 */
export function validElements<S extends z.ZodType>(
  problems: ProblemCollector,
  schema: S,
  list: readonly unknown[],
  basePath: string,
): { index: number; value: z.output<S> }[] {
  const valid: { index: number; value: z.output<S> }[] = [];
  for (const [index, element] of list.entries()) {
    const result = schema.safeParse(element);
    if (result.success) {
      valid.push({ index, value: result.data });
      continue;
    }
    const issue = result.error.issues[0]!;
    problems.add(`${basePath}[${index}]${issue.path.length > 0 ? (typeof issue.path[0] === 'number' ? '' : '.') + jsonPath(issue.path) : ''}`, issue.message);
  }
  return valid;
}
