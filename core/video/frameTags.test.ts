import { describe, expect, it } from 'vitest';
import { createFrameTag, tagsAtFrame, untagFrame } from './frameTags';

const base = { projectId: 'p', itemId: 'v', author: 'ann', now: 1000 };

describe('frame tags', () => {
  it('creates single-frame and range tags, normalising a backwards range', () => {
    const tag = createFrameTag({ ...base, classId: 'night', startFrame: 30, endFrame: 10 });
    expect(tag).toMatchObject({ classId: 'night', startFrame: 10, endFrame: 30, author: 'ann', createdAt: 1000 });
    expect(tag.id).toMatch(/^ftg_/);
    expect(() => createFrameTag({ ...base, classId: 'x', startFrame: -1, endFrame: 2 })).toThrow(/got -1/);
  });

  it('lists the tags covering a frame, inclusive at both ends', () => {
    const a = createFrameTag({ ...base, classId: 'a', startFrame: 10, endFrame: 20 });
    const b = createFrameTag({ ...base, classId: 'b', startFrame: 5, endFrame: 5 });
    const c = createFrameTag({ ...base, classId: 'c', startFrame: 0, endFrame: 10 });
    expect(tagsAtFrame([a, b, c], 10).map((t) => t.classId)).toEqual(['c', 'a']);
    expect(tagsAtFrame([a, b, c], 20).map((t) => t.classId)).toEqual(['a']);
    expect(tagsAtFrame([a, b, c], 21)).toEqual([]);
  });

  it('untagging one frame cuts a range in two and deletes a single-frame tag', () => {
    const range = createFrameTag({ ...base, classId: 'a', startFrame: 10, endFrame: 20 });
    const single = createFrameTag({ ...base, classId: 'a', startFrame: 15, endFrame: 15 });
    const other = createFrameTag({ ...base, classId: 'b', startFrame: 0, endFrame: 30 });
    const result = untagFrame([range, single, other], 'a', 15);
    expect(result.removed).toEqual([range.id, single.id]);
    expect(result.added.map((t) => [t.startFrame, t.endFrame])).toEqual([
      [10, 14],
      [16, 20],
    ]);
    expect(new Set(result.added.map((t) => t.id)).size).toBe(2);
    expect(result.added.every((t) => t.id !== range.id && t.author === 'ann')).toBe(true);
  });
});
