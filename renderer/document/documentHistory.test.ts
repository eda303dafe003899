import { describe, expect, it } from 'vitest';
import type { Shape } from '../../core/model/shape';
import type { Track } from '../../core/model/track';
import { DocumentHistory } from './documentHistory';
import { ShapeHistory } from './shapeHistory';

const shape = (id: string, x = 0): Shape => ({
  id, projectId: 'p', itemId: 'i', kind: 'box', classId: 'c', box: { x, y: 0, w: 5, h: 5 }, attributes: {}, source: { kind: 'human' }, author: 'a', createdAt: 1, updatedAt: 1, version: 1, frame: 3,
});
const track = (id: string): Track => ({
  id, projectId: 'p', itemId: 'i', classId: 'c', attributes: {}, author: 'a', createdAt: 1, updatedAt: 1, version: 1,
  keyframes: [{ frame: 3, box: { x: 0, y: 0, w: 5, h: 5 }, outside: false, source: 'human' }],
});
const segs = [{ startFrame: 0, endFrame: 9, score: 0, tags: [] }];

describe('DocumentHistory: one history over every record type', () => {
  it('keeps a step touching shapes and tracks as ONE diff, undone and redone together', () => {
    const doc = new DocumentHistory({ shape: [shape('s1')] });
    const done = doc.commit({ put: [], remove: ['s1'], video: { tracks: { put: [track('t1')], remove: [] } } }, { label: 'make track', at: 1 });
    expect(done?.entry?.redo).toEqual({ shape: { put: [], remove: ['s1'] }, track: { put: [track('t1')], remove: [] } });
    expect(done?.entry?.undo).toEqual({ shape: { put: [shape('s1')], remove: [] }, track: { put: [], remove: ['t1'] } });
    expect([doc.shapes.length, doc.video.tracks.length]).toEqual([0, 1]);
    doc.undo(10);
    expect(doc.shapes.map((s) => s.id)).toEqual(['s1']);
    expect(doc.video.tracks).toEqual([]);
    expect(doc.canUndo()).toBe(false);
    doc.redo(20);
    expect([doc.shapes.length, doc.video.tracks[0]?.id]).toEqual([0, 't1']);
  });

  it('restamps every versioned record type on undo and redo, and leaves the others', () => {
    const doc = new DocumentHistory();
    doc.commit({ put: [shape('s1')], remove: [], video: { tracks: { put: [track('t1')], remove: [] }, frameTags: { put: [{ id: 'g1', projectId: 'p', itemId: 'i', classId: 'c', startFrame: 0, endFrame: 2, author: 'a', createdAt: 1 }], remove: [] } } }, { label: 'x', at: 1 });
    doc.commit({ put: [shape('s1', 9)], remove: [], video: { tracks: { put: [{ ...track('t1'), classId: 'd' }], remove: [] } } }, { label: 'y', at: 2 });
    const undone = doc.undo(50);
    expect(undone?.diff.shape?.put[0]).toMatchObject({ version: 2, updatedAt: 50, box: { x: 0 } });
    expect(undone?.diff.track?.put[0]).toMatchObject({ version: 2, updatedAt: 50, classId: 'c' });
    expect(doc.video.frameTags[0]).toMatchObject({ id: 'g1', createdAt: 1 });
  });

  it('keeps scene scores out of segment-edit steps and takes the shots back to none', () => {
    const doc = new DocumentHistory();
    doc.commit({ put: [], remove: [], video: { segments: { segments: segs, threshold: 0.3, scores: [0, 1] } } }, null);
    const merged = [{ ...segs[0]!, tags: ['day'] }];
    const step = doc.commit({ put: [], remove: [], video: { segments: { segments: merged, threshold: 0.3 } } }, { label: 'tag', at: 1 });
    expect(step?.entry?.undo).toEqual({ shots: { put: [{ id: 'shots', segments: segs, threshold: 0.3 }], remove: [] } });
    expect(doc.video.segments).toEqual({ segments: merged, threshold: 0.3, scores: [0, 1] });
    doc.undo(2);
    expect(doc.video.segments).toEqual({ segments: segs, threshold: 0.3, scores: [0, 1] });
    const fresh = new DocumentHistory();
    fresh.commit({ put: [], remove: [], video: { segments: { segments: segs, threshold: 0.3 } } }, { label: 'cut', at: 1 });
    fresh.undo(2);
    expect(fresh.video.segments).toBeNull();
  });

  it('keeps the video view identity until a video record changes', () => {
    const doc = new ShapeHistory([], [], { tracks: [track('t1')], frameTags: [], segments: null });
    const before = doc.video;
    doc.commit({ put: [shape('s2')], remove: [] }, { label: 'draw', at: 1 });
    expect(doc.video).toBe(before);
    doc.commit({ put: [], remove: [], video: { tracks: { put: [], remove: ['t1'] } } }, { label: 'del', at: 2 });
    expect(doc.video).not.toBe(before);
    expect(doc.commit({ put: [], remove: [], video: {} }, { label: 'nothing', at: 3 })).toBeNull();
  });
});
