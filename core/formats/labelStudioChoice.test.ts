import { describe, expect, it } from 'vitest';
import { annotatorOf, chooseAnnotations } from './labelStudioChoice';

describe('chooseAnnotations', () => {
  it('latest: updated_at wins over created_at; without dates the last in the list', () => {
    const dated = [{ created_at: '2024-01-03T00:00:00Z' }, { updated_at: '2024-01-02T00:00:00Z', created_at: '2024-01-01T00:00:00Z' }];
    expect(chooseAnnotations(dated, { kind: 'latest' }).chosen).toEqual([0]);
    expect(chooseAnnotations([{}, {}, {}], { kind: 'latest' }).chosen).toEqual([2]);
    expect(chooseAnnotations([{ updated_at: '2024-01-01T00:00:00Z' }, { updated_at: '2024-01-01T00:00:00Z' }], { kind: 'latest' }).chosen).toEqual([1]);
  });

  it('never takes a cancelled annotation, and gives every skipped one its reason', () => {
    const annotations = [{ completed_by: 1 }, { completed_by: 2, was_cancelled: true }, { completed_by: 2 }];
    expect(chooseAnnotations(annotations, { kind: 'annotator', annotator: 'user 2' })).toEqual({
      chosen: [2],
      skipped: [
        { index: 0, reason: 'it is by user 1, not user 2' },
        { index: 1, reason: 'it was cancelled (skipped) in Label Studio' },
      ],
    });
    expect(chooseAnnotations(annotations, { kind: 'latest' }).chosen).toEqual([2]);
    expect(chooseAnnotations([{ was_cancelled: true }], { kind: 'latest' }).chosen).toEqual([]);
  });
});

describe('annotatorOf', () => {
  it('reads a user id, an expanded user, or nothing', () => {
    expect(annotatorOf({ completed_by: 7 })).toBe('user 7');
    expect(annotatorOf({ completed_by: { id: 7, email: 'a@b.c' } })).toBe('a@b.c');
    expect(annotatorOf({ completed_by: { id: 7 } })).toBe('user 7');
    expect(annotatorOf({})).toBeUndefined();
  });
});
