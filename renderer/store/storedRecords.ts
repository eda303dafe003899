import type { z } from 'zod';
import { readBatch, storedVersion, type RecordType } from '../../core/model/recordTypes';
import { UnreadableRecordError } from './errors';

/**
 * Every row this store reads goes through its record type's migrator
 * (core/model/recordTypes.ts); a row that cannot be read becomes an
 * UnreadableRecordError naming it, and is never rewritten.
 */
export function readStored<S extends z.ZodType>(type: RecordType<S>, raw: unknown, name: string): z.output<S> {
  try {
    return type.read(raw);
  } catch (error) {
    throw new UnreadableRecordError(name, error instanceof Error ? error.message : String(error));
  }
}

/** Many records stored together at the row's version (fast path when current; see readBatch). */
export function readStoredBatch<S extends z.ZodType>(type: RecordType<S>, row: { schemaVersion?: unknown }, records: readonly unknown[], name: string): z.output<S>[] {
  try {
    return readBatch(type, storedVersion(type, row), records);
  } catch (error) {
    throw new UnreadableRecordError(name, error instanceof Error ? error.message : String(error));
  }
}
