import { describe, expect, it } from 'vitest';
import { forgetSessionToken, takeSessionToken } from './sessionToken';

function fakeEnv(hash: string) {
  const store = new Map<string, string>();
  const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) };
  const replaced: string[] = [];
  const history = { replaceState: (_d: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)) };
  return { location: { hash, pathname: '/', search: '?x=1' }, storage, history, replaced };
}

describe('takeSessionToken', () => {
  it('takes the token from the fragment, keeps it for the tab and removes it from the visible URL', () => {
    const env = fakeEnv('#token=abc123');
    expect(takeSessionToken(env.location, env.storage, env.history)).toBe('abc123');
    expect(env.replaced).toEqual(['/?x=1']);
    const reload = { ...env.location, hash: '' };
    expect(takeSessionToken(reload, env.storage, env.history)).toBe('abc123');
  });

  it('answers null when the page was opened without a token', () => {
    const env = fakeEnv('');
    expect(takeSessionToken(env.location, env.storage, env.history)).toBeNull();
    expect(env.replaced).toEqual([]);
  });

  it('forgets a refused token', () => {
    const env = fakeEnv('#token=old');
    takeSessionToken(env.location, env.storage, env.history);
    forgetSessionToken(env.storage);
    expect(takeSessionToken({ ...env.location, hash: '' }, env.storage, env.history)).toBeNull();
  });
});
