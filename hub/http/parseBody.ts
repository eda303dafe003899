import type { z } from 'zod';
import { badRequest } from './hubError';

/** Validates a request body with zod; the error names every bad field by path. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown, code = 'invalid_body'): z.infer<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issues = result.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`)
    .join('; ');
  throw badRequest(code, `invalid request body — ${issues}`);
}
