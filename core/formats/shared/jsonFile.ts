import type { z } from 'zod';
import { FormatError } from '../formatError';
import type { FormatFile } from '../types';
import { jsonSyntaxErrorOffset } from './jsonSyntax';
import { withoutBom } from './text';

/** Parses a JSON file; a syntax error names its line. */
export function parseJsonFile(file: FormatFile): unknown {
  const content = withoutBom(file.content);
  try {
    return JSON.parse(content);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const offset = jsonSyntaxErrorOffset(content);
    throw new FormatError(file.path, `line ${lineOfOffset(content, offset < 0 ? content.length : offset)}`, `invalid JSON: ${message}`);
  }
}

export function lineOfOffset(content: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < content.length; i++) if (content.charCodeAt(i) === 10) line++;
  return line;
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

/** Validates parsed JSON against a structural schema; the first problem becomes a FormatError at its JSON path. */
/** `basePath` is where `value` sits in the file, when it is a part of it. */
export function parseJsonStructure<S extends z.ZodType>(file: string, schema: S, value: unknown, basePath = ''): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = jsonPath(issue.path);
  const location = !basePath ? path : !path ? basePath : path.startsWith('[') ? basePath + path : `${basePath}.${path}`;
  throw new FormatError(file, location || '(root)', issue.message);
}
