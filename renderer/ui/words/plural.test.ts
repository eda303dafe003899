import { describe, expect, it } from 'vitest';
import { plural } from './plural';

describe('plural', () => {
  it('uses the singular only for exactly one', () => {
    expect(plural(1, 'video')).toBe('1 video');
    expect(plural(0, 'video')).toBe('0 videos');
    expect(plural(2, 'item')).toBe('2 items');
    expect(plural(1.5, 'item')).toBe('1.5 items');
  });

  it('takes an irregular plural', () => {
    expect(plural(3, 'box', 'boxes')).toBe('3 boxes');
    expect(plural(1, 'box', 'boxes')).toBe('1 box');
    expect(plural(2, 'class', 'classes')).toBe('2 classes');
  });
});
