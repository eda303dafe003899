import type { IntakeReport } from '../../electron/common/services/intake';
import { StoreError } from './errors';
import type { ItemRecord } from './records';

/** A new item row from an intake row: images as they are, videos with the probe's info (frames are addressed by index). */
export function itemRecordOf(a: IntakeReport['accepted'][number], at: { id: string; projectId: string; order: number }): ItemRecord {
  const base: ItemRecord = { ...at, kind: 'image', relPath: a.relPath, width: a.width, height: a.height, sha256: a.sha256, phash: a.phash, status: 'new', shapeCount: 0 };
  if (a.kind !== 'video') return base;
  if (!a.video) throw new StoreError(`addItems: ${a.relPath} is a video without probe info (frame count, fps)`);
  return { ...base, kind: 'video', video: a.video };
}
