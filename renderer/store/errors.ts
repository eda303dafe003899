/** Bad input or a missing record; the message names what and where. Nothing was written. */
export class StoreError extends Error {
  override name = 'StoreError';
}

export interface ClassUsage {
  classId: string;
  name: string;
  /** Shapes that still use the class. */
  count: number;
}

/** A schema update removes classes that shapes still use, and the caller did not say to remap or delete them. */
export class ClassInUseError extends StoreError {
  override name = 'ClassInUseError';
  constructor(readonly usage: ClassUsage[]) {
    super(
      `cannot remove ${usage.map((u) => `class "${u.name}" (${u.count} shape${u.count === 1 ? '' : 's'})`).join(', ')}: ` +
        'remap its shapes to another class or delete them',
    );
  }
}

/** zod issues as "path: message; ..." for StoreError messages. */
export function describeIssues(what: string, issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return `${what}: ${issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ')}`;
}

/**
 * A stored row that cannot be read: written by a newer Groundwork, or damaged.
 * `record` names it ("project prj_1", "item itm_1, shape bucket 3"); the row
 * is left as it is, so nothing is lost.
 */
export class UnreadableRecordError extends StoreError {
  override name = 'UnreadableRecordError';
  constructor(
    readonly record: string,
    readonly reason: string,
  ) {
    super(`${record} cannot be read: ${reason}`);
  }
}
