import type { z } from 'zod';
import type { ProblemCollector } from './formatError';
import { firstIssue } from './shared/firstIssue';
import { joinJsonPath, jsonPath } from './shared/jsonFile';

/**
 * Checks a JSON array element by element: each bad element is one problem
 * at its JSON path (its first issue), collected in bounded memory, and the
 * good ones are returned with their index so the importer can go on with
 * them and report their own problems (an unknown category, a negative box)
 * in the same error.
 */
export function validElements<S extends z.ZodType>(
  problems: ProblemCollector,
  schema: S,
  list: readonly unknown[],
  basePath: string,
): { index: number; value: z.output<S> }[] {
  const valid: { index: number; value: z.output<S> }[] = [];
  for (const [index, element] of list.entries()) {
    const checked = firstIssue(schema, element);
    if (checked.ok) {
      valid.push({ index, value: checked.data });
      continue;
    }
    problems.add(joinJsonPath(`${basePath}[${index}]`, jsonPath(checked.path)), checked.message);
  }
  return valid;
}
