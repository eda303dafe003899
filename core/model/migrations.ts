import type { z } from 'zod';
import { ProjectSchema, type Project } from './project';

/**
 * Version of the stored document model. Bump it together with a new entry in
 * PROJECT_MIGRATIONS; stores call migrateProject on every record they read.
 */
export const CURRENT_SCHEMA_VERSION = 1;

/** Upgrades a raw document from version N (its key in the chain) to N + 1; the runner stamps the new version. */
export type MigrationStep = (doc: Record<string, unknown>) => Record<string, unknown>;
export type MigrationChain = Readonly<Record<number, MigrationStep>>;

export class MigrationError extends Error {
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(`${kind}: ${message}`);
    this.name = 'MigrationError';
  }
}

/**
 * Project records, keyed by the version they upgrade from. Version 1 is the
 * first stored version, so the chain is empty; version 2 is added as
 * `1: (doc) => ({ ...doc, newField: ... })` and CURRENT_SCHEMA_VERSION = 2.
 */
export const PROJECT_MIGRATIONS: MigrationChain = {};

export interface MigratorOptions<S extends z.ZodType> {
  /** Names the record type in every error ("track: ..."). */
  kind: string;
  currentVersion: number;
  chain: MigrationChain;
  schema: S;
  /**
   * The version of a stored record without `schemaVersion`: rows written
   * before their type was versioned. Absent: such a record is refused.
   */
  unversioned?: number;
}

/**
 * Builds a reader that upgrades a stored document step by step to
 * `currentVersion` and then validates it, so callers only ever see current,
 * valid records.
 */
export function createMigrator<S extends z.ZodType>(options: MigratorOptions<S>) {
  const { kind, currentVersion, chain, schema, unversioned } = options;
  return (raw: unknown): z.output<S> => {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new MigrationError(kind, 'expected an object');
    let doc = { ...(raw as Record<string, unknown>) };
    const version = doc.schemaVersion === undefined && unversioned !== undefined ? unversioned : doc.schemaVersion;
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
      throw new MigrationError(kind, `schemaVersion must be a whole number, got ${JSON.stringify(version)}`);
    }
    if (version > currentVersion) {
      throw new MigrationError(
        kind,
        `written by a newer Groundwork (schema version ${version}; this version reads up to ${currentVersion}). Update Groundwork to open it.`,
      );
    }
    for (let v = version; v < currentVersion; v++) {
      const step = chain[v];
      if (!step) throw new MigrationError(kind, `no migration from schema version ${v} to ${v + 1}`);
      try {
        doc = { ...step(doc), schemaVersion: v + 1 };
      } catch (error) {
        throw new MigrationError(kind, `cannot migrate from schema version ${v} to ${v + 1}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const parsed = schema.safeParse(doc);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
      throw new MigrationError(kind, `invalid after migration to schema version ${currentVersion}: ${problems.join('; ')}`);
    }
    return parsed.data;
  };
}

/** Reads a stored project record of any known version as a current, validated Project. */
export const migrateProject: (raw: unknown) => Project = createMigrator({
  kind: 'project',
  currentVersion: CURRENT_SCHEMA_VERSION,
  chain: PROJECT_MIGRATIONS,
  schema: ProjectSchema,
});
