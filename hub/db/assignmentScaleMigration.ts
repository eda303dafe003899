/**
 * Schema of issue 15 (scale): assignment without scanning the task.
 * PLACEHOLDER — filled in by the assignment work (open-slot counter, partial indexes).
 */
export const assignmentScaleMigration = {
  version: 9,
  statements: [] as string[],
};
