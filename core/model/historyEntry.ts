import { z } from 'zod';
import { DocumentDiffSchema, type DocumentDiff } from './documentDiff';
import { diffOfChange, type ShapeChange } from './editChange';
import type { MigrationChain } from './migrations';

/**
 * One persisted undo step of an item (the store's `history` rows).
 *
 * Version 1 (rows without `schemaVersion`): `redo`/`undo` in the editor's
 * input form `{put, remove, video?}` (editChange.ts). Version 2: `redo`/`undo`
 * are DocumentDiffs over all record types, and `recordVersions` says which
 * schema version the shapes, tracks and tags inside were written at, so they
 * are read through their own migrators (the 1 → 2 step sets all of them to 1).
 */
export const HISTORY_ENTRY_VERSION = 2;

export const HistoryEntrySchema = z.object({
  itemId: z.string().min(1),
  projectId: z.string().min(1),
  seq: z.number().int().positive(),
  label: z.string(),
  at: z.number(),
  undone: z.boolean(),
  redo: DocumentDiffSchema,
  undo: DocumentDiffSchema,
  recordVersions: z.record(z.string(), z.number().int().positive()),
});

const LegacyChangeSchema = z.object({ put: z.array(z.unknown()), remove: z.array(z.string()), video: z.unknown().optional() });

function legacyToDiff(raw: unknown, where: string): DocumentDiff {
  const parsed = LegacyChangeSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${where} is not a {put, remove} change: ${parsed.error.issues[0]?.path.join('.') || '(root)'}: ${parsed.error.issues[0]?.message}`);
  return diffOfChange(raw as ShapeChange);
}

export const HISTORY_ENTRY_MIGRATIONS: MigrationChain = {
  1: (doc) => ({ ...doc, redo: legacyToDiff(doc.redo, 'redo'), undo: legacyToDiff(doc.undo, 'undo'), recordVersions: { shape: 1, track: 1, frameTag: 1 } }),
};
