import { describe, expect, it } from 'vitest';
import { madeOnce } from './madeOnce';

describe('madeOnce', () => {
  it('makes each key once and shares the promise, also with callers who ask while it is made', async () => {
    let calls = 0;
    const get = madeOnce(async (name: string) => `${name}#${++calls}`);
    const [a, b] = await Promise.all([get('x'), get('x')]);
    expect([a, b, await get('x'), await get('y')]).toEqual(['x#1', 'x#1', 'x#1', 'y#2']);
  });

  it('forgets a rejection: the callers of that attempt see it, the next caller makes it again', async () => {
    let calls = 0;
    const get = madeOnce(async (spec: { n: number }) => {
      calls++;
      if (calls === 1) throw new Error('ffmpeg failed');
      return spec.n * 10;
    }, JSON.stringify);
    await expect(Promise.all([get({ n: 1 }), get({ n: 1 })])).rejects.toThrow('ffmpeg failed');
    expect(await get({ n: 1 })).toBe(10);
    expect(await get({ n: 1 })).toBe(10);
    expect(calls).toBe(2);
  });
});
