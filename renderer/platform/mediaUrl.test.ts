import { describe, expect, it } from 'vitest';
import { browserMediaUrl, electronMediaUrl } from './mediaUrl';

describe('media URLs', () => {
  it('encode each path segment, so names with spaces, # or ? stay one file and ".." cannot be smuggled as %2F', () => {
    expect(electronMediaUrl('r1', 'sub dir/a#1?.png')).toBe('gw-media://r1/sub%20dir/a%231%3F.png');
    expect(browserMediaUrl('r1', 'a/b.png', 't+k')).toBe('/media/r1/a/b.png?token=t%2Bk');
    expect(electronMediaUrl('r1', 'a%2Fb.png')).toBe('gw-media://r1/a%252Fb.png');
  });
});
