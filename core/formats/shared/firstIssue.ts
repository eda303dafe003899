import { z } from 'zod';

export type Checked<T> = { ok: true; data: T } | { ok: false; path: PropertyKey[]; message: string };

/**
 * Runs a schema but stops at its first problem. zod's safeParse keeps
 * looking and records every issue (with the offending input) before it
 * answers: over a file with a million wrong-typed values that list is the
 * out-of-memory. This is how zod's own `validate()` stops early (the
 * `abortEarly` run option): one pass, the same output when the value is
 * valid, and a single issue, finished into a message, when it is not.
 */
export function firstIssue<S extends z.ZodType>(schema: S, value: unknown): Checked<z.output<S>> {
  const ctx = { async: false, abortEarly: true } as const;
  const result = schema._zod.run({ value, issues: [] }, ctx);
  if (result instanceof Promise) throw new Error('an import schema must not be async');
  const raw = result.issues[0];
  if (!raw) return { ok: true, data: result.value as z.output<S> };
  const issue = z.core.util.finalizeIssue(raw, ctx, z.config());
  return { ok: false, path: issue.path, message: issue.message };
}
