import { describe, expect, it } from 'vitest';
import type { IntakeReport } from '../../../electron/common/services';
import { defaultKind, filesToAdd, kindCounts } from '../../intake/mediaSelection';
import { nothingToAddReason } from './mediaKinds';

const image = (relPath: string, sha = relPath) => ({ relPath, width: 4, height: 4, sha256: sha, phash: '0'.repeat(16), bytes: 1 });
const video = (relPath: string) => ({ ...image(relPath), kind: 'video' as const });
const report = (accepted: IntakeReport['accepted'], extra: Partial<IntakeReport> = {}): IntakeReport => ({ rootId: 'r', rootPath: '/f', accepted, rejected: [], duplicates: [], ...extra });

describe('a new project takes one kind of media', () => {
  it('counts images and videos and starts with the kind there is more of', () => {
    const mixed = report([image('a.jpg'), image('b.jpg'), video('c.mp4')]);
    expect(kindCounts(mixed)).toEqual({ image: 2, video: 1 });
    expect(defaultKind(mixed)).toBe('image');
    expect(defaultKind(report([video('c.mp4')]))).toBe('video');
    expect(filesToAdd(mixed, 'image', true).map((f) => f.relPath)).toEqual(['a.jpg', 'b.jpg']);
    expect(filesToAdd(mixed, 'video', true).map((f) => f.relPath)).toEqual(['c.mp4']);
  });

  it('skips flagged duplicates only when asked', () => {
    const dup = report([image('a.jpg'), image('b.jpg')], { duplicates: [{ relPath: 'b.jpg', duplicateOf: 'a.jpg', kind: 'exact', distance: 0 }] });
    expect(filesToAdd(dup, 'image', true)).toHaveLength(1);
    expect(filesToAdd(dup, 'image', false)).toHaveLength(2);
  });

  it('says in words why there is nothing to create', () => {
    expect(nothingToAddReason(report([image('a.jpg')]), 'image', true)).toBeNull();
    expect(nothingToAddReason(report([]), 'image', true)).toBe('Nothing to add: this folder has no images or videos');
    expect(nothingToAddReason(report([], { rejected: [{ relPath: 'x.jpg', reason: 'truncated' }] }), 'image', true)).toBe('Nothing to add: no file in this folder could be read as an image or a video (1 file left out)');
    expect(nothingToAddReason(report([image('a.jpg')]), 'video', true)).toBe('Nothing to add: this folder has no videos that are not duplicates');
  });
});
