import { describe, expect, it } from 'vitest';
import { createMigrator, CURRENT_SCHEMA_VERSION, MigrationError, migrateProject, type MigrationChain } from './migrations';
import { ProjectSchema } from './project';

const v1Project = {
  id: 'p1',
  name: 'Street scenes',
  rootId: 'r1',
  rootPath: '/data/street',
  labelSchema: { classes: [{ id: 'c1', name: 'car', color: '#ff0000', attributes: [] }] },
  createdAt: 1000,
  updatedAt: 2000,
  schemaVersion: 1,
};

describe('migrateProject', () => {
  it('is at schema version 1', () => {
    expect(CURRENT_SCHEMA_VERSION).toBe(1);
  });

  it('returns a current record validated and with defaults filled', () => {
    const { attributes: _, ...cls } = v1Project.labelSchema.classes[0]!;
    const project = migrateProject({ ...v1Project, labelSchema: { classes: [cls] } });
    expect(project.labelSchema.classes[0]!.attributes).toEqual([]);
    expect(project.name).toBe('Street scenes');
  });

  it('refuses a record from a newer version with a clear message', () => {
    expect(() => migrateProject({ ...v1Project, schemaVersion: 5 })).toThrow(/newer Groundwork \(schema version 5; this version reads up to 1\)/);
  });

  it('refuses a record without a version, and one that is invalid', () => {
    const { schemaVersion: _, ...unversioned } = v1Project;
    expect(() => migrateProject(unversioned)).toThrow(/schemaVersion must be a whole number, got undefined/);
    expect(() => migrateProject({ ...v1Project, labelSchema: { classes: [{ id: 'c', name: 'x', color: 'red' }] } })).toThrow(
      /labelSchema\.classes\.0\.color/,
    );
    expect(() => migrateProject('nope')).toThrow(MigrationError);
  });

  it('has no path from a version before the first', () => {
    expect(() => migrateProject({ ...v1Project, schemaVersion: 0 })).toThrow(/no migration from schema version 0 to 1/);
  });
});

describe('a migration chain', () => {
  // A synthetic version 0: the schema was called `schema` and classes had no attributes.
  const chain: MigrationChain = {
    0: (doc) => {
      const { schema, ...rest } = doc as { schema: { classes: object[] } };
      return { ...rest, labelSchema: { classes: schema.classes.map((c) => ({ ...c, attributes: [] })) } };
    },
  };
  const migrate = createMigrator({ kind: 'project', currentVersion: 1, chain, schema: ProjectSchema });
  const { labelSchema: _, ...rest } = v1Project;
  const v0Project = { ...rest, schemaVersion: 0, schema: { classes: [{ id: 'c1', name: 'car', color: '#ff0000' }] } };

  it('upgrades v0 to v1 and validates the result', () => {
    expect(migrate(v0Project)).toEqual(v1Project);
  });

  it('leaves a current record as it is and does not mutate its input', () => {
    const input = structuredClone(v0Project);
    migrate(input);
    expect(input).toEqual(v0Project);
    expect(migrate(v1Project)).toEqual(v1Project);
  });

  it('runs several steps in order, stamping each version', () => {
    const seen: number[] = [];
    const longer: MigrationChain = {
      ...chain,
      1: (doc) => {
        seen.push(doc.schemaVersion as number);
        return { ...doc, name: `${String(doc.name)} (v2)` };
      },
    };
    const toV2 = createMigrator({ kind: 'project', currentVersion: 2, chain: longer, schema: ProjectSchema });
    const out = toV2(v0Project);
    expect(seen).toEqual([1]);
    expect(out).toMatchObject({ schemaVersion: 2, name: 'Street scenes (v2)' });
  });

  it('reports a step that produces an invalid record', () => {
    const broken = createMigrator({ kind: 'project', currentVersion: 1, chain: { 0: (doc) => doc }, schema: ProjectSchema });
    expect(() => broken(v0Project)).toThrow(/invalid after migration to schema version 1: labelSchema/);
  });
});
