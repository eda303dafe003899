import { z } from 'zod';
import { HISTORY_ENTRY_MIGRATIONS, HISTORY_ENTRY_VERSION, HistoryEntrySchema } from './historyEntry';
import { createMigrator, CURRENT_SCHEMA_VERSION, MigrationError, PROJECT_MIGRATIONS, type MigrationChain } from './migrations';
import { ProjectSchema } from './project';
import { ShapeSchema } from './shape';
import { SegmentsRowSchema } from './shots';
import { FrameTagSchema, TrackSchema } from './track';

/**
 * Every type of stored record, with its zod schema, the schema version this
 * build writes and the chain that upgrades older rows. Stores read every row
 * through `read` (migrated, then validated) and write through `stamp`.
 *
 * Rows written before a type carried `schemaVersion` have none; they are
 * version 1 by definition (`unversioned: 1`). Projects always carried one,
 * so a project without it is refused. A row from a newer version is refused
 * with "Update Groundwork to open it" and never rewritten.
 */
export interface RecordType<S extends z.ZodType = z.ZodType> {
  kind: string;
  schema: S;
  currentVersion: number;
  chain: MigrationChain;
  unversioned?: number;
  /** Upgrades and validates one stored row. */
  read: (raw: unknown) => z.output<S>;
}

export function defineRecordType<S extends z.ZodType>(options: Omit<RecordType<S>, 'read'>): RecordType<S> {
  return { ...options, read: createMigrator(options) };
}

/** A reviewer's draft decisions (renderer/review): opaque here, but an object with a decision list. */
export const ReviewDraftSchema = z.object({ decisions: z.array(z.unknown()) }).passthrough();

export const recordTypes = {
  project: defineRecordType({ kind: 'project', schema: ProjectSchema, currentVersion: CURRENT_SCHEMA_VERSION, chain: PROJECT_MIGRATIONS }),
  shape: defineRecordType({ kind: 'shape', schema: ShapeSchema, currentVersion: 1, chain: {}, unversioned: 1 }),
  track: defineRecordType({ kind: 'track', schema: TrackSchema, currentVersion: 1, chain: {}, unversioned: 1 }),
  frameTag: defineRecordType({ kind: 'frameTag', schema: FrameTagSchema, currentVersion: 1, chain: {}, unversioned: 1 }),
  segments: defineRecordType({ kind: 'segments', schema: SegmentsRowSchema, currentVersion: 1, chain: {}, unversioned: 1 }),
  reviewDraft: defineRecordType({ kind: 'reviewDraft', schema: ReviewDraftSchema, currentVersion: 1, chain: {}, unversioned: 1 }),
  historyEntry: defineRecordType({ kind: 'historyEntry', schema: HistoryEntrySchema, currentVersion: HISTORY_ENTRY_VERSION, chain: HISTORY_ENTRY_MIGRATIONS, unversioned: 1 }),
} as const;

export type RecordKind = keyof typeof recordTypes;

/** The record as written: the current schema version stamped on it. */
export function stamp<T extends object>(type: Pick<RecordType, 'currentVersion'>, record: T): T & { schemaVersion: number } {
  return { ...record, schemaVersion: type.currentVersion };
}

/** The version a stored row was written at (absent: the type's `unversioned`); refuses a newer or malformed one. */
export function storedVersion(type: Pick<RecordType, 'kind' | 'currentVersion' | 'unversioned'>, raw: { schemaVersion?: unknown }): number {
  const v = raw.schemaVersion === undefined ? type.unversioned : raw.schemaVersion;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new MigrationError(type.kind, `schemaVersion must be a whole number, got ${JSON.stringify(raw.schemaVersion)}`);
  if (v > type.currentVersion) {
    throw new MigrationError(type.kind, `written by a newer Groundwork (schema version ${v}; this version reads up to ${type.currentVersion}). Update Groundwork to open it.`);
  }
  return v;
}

/**
 * Reads many records written together at one version (a shape bucket, the
 * records inside a history row). Fast path for hot data: records at the
 * current version were validated when written and come back as they are;
 * older ones are upgraded and validated one by one. A newer version throws.
 */
export function readBatch<S extends z.ZodType>(type: RecordType<S>, version: number, records: readonly unknown[]): z.output<S>[] {
  storedVersion(type, { schemaVersion: version });
  if (version === type.currentVersion) return records as z.output<S>[];
  return records.map((r) => type.read({ ...(r as object), schemaVersion: version }));
}
