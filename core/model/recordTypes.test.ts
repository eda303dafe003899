import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineRecordType, readBatch, recordTypes, stamp, storedVersion } from './recordTypes';

const track = {
  id: 'trk_1', projectId: 'p', itemId: 'i', classId: 'c', attributes: {}, author: 'a', createdAt: 1, updatedAt: 1, version: 1,
  keyframes: [{ frame: 0, box: { x: 0, y: 0, w: 1, h: 1 }, outside: false, source: 'human' }],
};
const shape = { id: 's1', projectId: 'p', itemId: 'i', kind: 'box', classId: 'c', box: { x: 0, y: 0, w: 1, h: 1 }, attributes: {}, source: { kind: 'human' }, author: 'a', createdAt: 1, updatedAt: 1, version: 1 };

describe('record types', () => {
  it('reads a row written before records were versioned as version 1', () => {
    expect(recordTypes.track.read(track)).toEqual(track);
    expect(storedVersion(recordTypes.shape, {})).toBe(1);
    expect(recordTypes.segments.read({ itemId: 'i', projectId: 'p', segments: [], threshold: 0.3, scores: [] })).toMatchObject({ threshold: 0.3 });
  });

  it('stamps the current version on write and strips it from the domain record on read', () => {
    const row = stamp(recordTypes.track, track);
    expect(row.schemaVersion).toBe(recordTypes.track.currentVersion);
    expect(recordTypes.track.read(row)).not.toHaveProperty('schemaVersion');
  });

  it('refuses a row from a newer Groundwork with the migrator message, and names the type', () => {
    expect(() => recordTypes.frameTag.read({ ...track, schemaVersion: 9 })).toThrow(/^frameTag: written by a newer Groundwork \(schema version 9; this version reads up to 1\)\. Update Groundwork to open it\.$/);
    expect(() => readBatch(recordTypes.shape, 2, [shape])).toThrow(/shape: written by a newer Groundwork .*Update Groundwork/);
  });

  it('refuses a project without a version (projects always carried one) and a malformed version', () => {
    expect(() => storedVersion(recordTypes.project, {})).toThrow(/project: schemaVersion must be a whole number, got undefined/);
    expect(() => storedVersion(recordTypes.track, { schemaVersion: 'x' })).toThrow(/track: schemaVersion must be a whole number, got "x"/);
  });

  it('types the review draft as an object with a decision list', () => {
    expect(recordTypes.reviewDraft.read({ decisions: [{ any: 1 }] })).toEqual({ decisions: [{ any: 1 }] });
    expect(() => recordTypes.reviewDraft.read({ decisions: 'no' })).toThrow(/reviewDraft: invalid after migration to schema version 1: decisions/);
  });

  describe('a batch of records at one version (shape buckets)', () => {
    // A synthetic version 2 of shapes: the author became `by`.
    const ShapeV2 = z.object({ id: z.string(), by: z.string() });
    const shapeV2 = defineRecordType({ kind: 'shape', schema: ShapeV2, currentVersion: 2, unversioned: 1, chain: { 1: ({ author, ...rest }) => ({ ...rest, by: author }) } });

    it('runs the migration step on read, record by record, for an older version', () => {
      expect(readBatch(shapeV2, 1, [{ id: 'a', author: 'x' }, { id: 'b', author: 'y' }])).toEqual([{ id: 'a', by: 'x' }, { id: 'b', by: 'y' }]);
      expect(shapeV2.read({ id: 'a', author: 'x' })).toEqual({ id: 'a', by: 'x' });
    });

    it('returns current records as stored (the hot path: validated when written)', () => {
      const rows = [{ id: 'a', by: 'x' }];
      expect(readBatch(shapeV2, 2, rows)).toBe(rows);
    });

    it('names the broken record when a step fails validation', () => {
      expect(() => readBatch(shapeV2, 1, [{ id: 'a' }])).toThrow(/shape: invalid after migration to schema version 2: by/);
    });
  });
});

describe('history entries', () => {
  const owner = { itemId: 'i', projectId: 'p', seq: 1, label: 'make track', at: 5, undone: false };

  it('upgrades a version-1 row ({put, remove, video} steps) into diffs over record types', () => {
    const row = {
      ...owner,
      redo: { put: [], remove: ['s1'], video: { tracks: { put: [track], remove: [] }, segments: { segments: [], threshold: 0.3, scores: [1] } } },
      undo: { put: [shape], remove: [], video: { tracks: { put: [], remove: ['trk_1'] }, segments: { segments: [], threshold: 0.3 } } },
    };
    const entry = recordTypes.historyEntry.read(row);
    expect(entry.recordVersions).toEqual({ shape: 1, track: 1, frameTag: 1 });
    expect(entry.redo).toEqual({
      shape: { put: [], remove: ['s1'] },
      track: { put: [track], remove: [] },
      shots: { put: [{ id: 'shots', segments: [], threshold: 0.3 }], remove: [] },
      sceneScores: { put: [{ id: 'sceneScores', scores: [1] }], remove: [] },
    });
    expect(entry.undo).toEqual({ shape: { put: [shape], remove: [] }, track: { put: [], remove: ['trk_1'] }, shots: { put: [{ id: 'shots', segments: [], threshold: 0.3 }], remove: [] } });
  });

  it('names what is wrong in a damaged row', () => {
    expect(() => recordTypes.historyEntry.read({ ...owner, redo: { put: 'x', remove: [] }, undo: { put: [], remove: [] } })).toThrow(/historyEntry: cannot migrate from schema version 1 to 2: redo is not a \{put, remove\} change: put/);
  });
});
