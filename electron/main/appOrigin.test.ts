import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isAppUrl } from './appOrigin';

describe('isAppUrl (the IPC sender check)', () => {
  it('accepts only our bundled renderer', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://renderer/assets/index.js')).toBe(true);
    for (const url of ['https://renderer/index.html', 'app://evil/index.html', 'file:///tmp/index.html', 'app://renderer.evil/x', 'about:blank', 'not a url', '', null, undefined]) {
      expect(isAppUrl(url), String(url)).toBe(false);
    }
  });
});
