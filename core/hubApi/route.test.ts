import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineRoute, parseResponse, requestOf } from './route';

const progress = defineRoute({
  method: 'GET',
  path: '/tasks/:taskId/items',
  access: 'task.owner',
  params: z.object({ taskId: z.string() }),
  query: z.object({ after: z.string().optional(), limit: z.coerce.number().optional() }),
  response: z.object({ taskId: z.string(), next: z.string().nullable() }),
});

describe('hub route definitions', () => {
  it('fills path parameters URI-encoded and appends the query, leaving undefined values out', () => {
    expect(requestOf(progress, { params: { taskId: 'a/b c' }, query: { after: 'x&y', limit: 5, status: undefined } })).toEqual({
      method: 'GET',
      path: '/tasks/a%2Fb%20c/items?after=x%26y&limit=5',
    });
  });

  it('refuses a request missing a path parameter', () => {
    expect(() => requestOf(progress, {})).toThrow(/missing path parameter taskId/);
  });

  it('checks an answer against the response schema and names the bad field', () => {
    expect(parseResponse(progress, { taskId: 't', next: null })).toEqual({ taskId: 't', next: null });
    expect(() => parseResponse(progress, { taskId: 't', next: 3 })).toThrow(/GET \/tasks\/:taskId\/items .*next/);
  });
});
