import { readFile, rename } from 'node:fs/promises';
import type { z } from 'zod';

export interface StateFileProblem {
  file: string;
  /** Where the unreadable file was moved, so nothing in it is lost. */
  movedTo: string;
  reason: string;
}

/**
 * Reads a small JSON state file (roots.json, hubs.json). Missing → `empty`.
 * Empty, unparsable or invalid → the file is moved aside to
 * `<file>.corrupt-<time>` (kept for the user), `onProblem` is told why, and
 * the service starts from `empty` instead of failing every call.
 */
export async function readStateFile<T>(file: string, schema: z.ZodType<T>, empty: () => T, onProblem: (problem: StateFileProblem) => void): Promise<T> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return empty();
    throw error;
  }
  let reason: string;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    reason = `${issue?.path.join('.') || '(top level)'}: ${issue?.message ?? 'invalid'}`;
  } catch (error) {
    reason = text.trim() === '' ? 'the file is empty' : `not JSON (${(error as Error).message})`;
  }
  const movedTo = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  await rename(file, movedTo);
  onProblem({ file, movedTo, reason });
  return empty();
}

/** The default problem report: one clear line on the host's log. */
export function logStateFileProblem(what: string) {
  return (p: StateFileProblem) => console.warn(`groundwork: ${p.file} could not be read (${p.reason}); it was moved to ${p.movedTo} and ${what} starts empty`);
}
