import type { z } from 'zod';
import { FormatError, type ProblemCollector } from '../formatError';
import type { FormatFile } from '../types';
import { firstIssue } from './firstIssue';
import { jsonSyntaxErrorOffset, jsonTooDeepOffset } from './jsonSyntax';
import { clipReason, lineOfOffset, withoutBom } from './text';

export { lineOfOffset } from './text';

/** Deeper than any annotation format nests (a dozen levels), far below where recursive readers of the value run out of stack. */
export const MAX_JSON_DEPTH = 1000;

/**
 * Parses a JSON file; a syntax error names its line. JSON.parse itself
 * does not recurse in V8, but a RangeError (out of stack or memory in some
 * other engine) is reported the same way rather than escaping as a crash,
 * and valid JSON nested deeper than MAX_JSON_DEPTH is refused at its line.
 */
export function parseJsonFile(file: FormatFile): unknown {
  const content = withoutBom(file.content);
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (e) {
    if (!(e instanceof SyntaxError || e instanceof RangeError)) throw e;
    const offset = jsonSyntaxErrorOffset(content);
    throw new FormatError(file.path, `line ${lineOfOffset(content, offset < 0 ? content.length : offset)}`, clipReason(`invalid JSON: ${e.message}`));
  }
  if (value !== null && typeof value === 'object') {
    const tooDeep = jsonTooDeepOffset(content, MAX_JSON_DEPTH);
    if (tooDeep >= 0) throw new FormatError(file.path, `line ${lineOfOffset(content, tooDeep)}`, `JSON nested more than ${MAX_JSON_DEPTH} levels deep`);
  }
  return value;
}

/** A zod issue path as the JSON path a person would type: annotations[4].bbox */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** `path` (inside a part of the file) placed after `basePath` (where that part sits in the file). */
/** `base` and `path` as one JSON path: `annotations[4]` + `bbox[0]` → `annotations[4].bbox[0]`, `[1]` + `[0]` → `[1][0]`. */
export function joinJsonPath(basePath: string, path: string): string {
  if (!basePath) return path;
  if (!path) return basePath;
  return path.startsWith('[') ? basePath + path : `${basePath}.${path}`;
}

/**
 * Validates parsed JSON against a structural schema; the first problem
 * becomes a FormatError at its JSON path. `basePath` is where `value` sits
 * in the file, when it is a part of it.
 *
 * The check stops at the first problem (see firstIssue), so a broken file
 * costs one issue, not one per bad value. It still reports only that one:
 * a schema over an array that may hold millions of elements should take
 * the array as `z.array(z.unknown())` here and check its elements with
 * validElements (jsonElements.ts), which lists up to MAX_PROBLEMS of them.
 */
export function parseJsonStructure<S extends z.ZodType>(file: string, schema: S, value: unknown, basePath = ''): z.output<S> {
  const checked = firstIssue(schema, value);
  if (checked.ok) return checked.data;
  throw new FormatError(file, joinJsonPath(basePath, jsonPath(checked.path)) || '(root)', checked.message);
}
