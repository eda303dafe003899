/**
 * Schema of issue 14 (video on the network): a task's video consensus
 * thresholds, stored as the requester gave them (`CreateTaskBody.consensus`;
 * the task JSON fills in core/consensus/video's defaults when it is read),
 * and an item's video facts, `{frameCount, fps}` as published — null for an
 * image. A signed batch's video labels must carry the item's frame count
 * (batches/storeBatch.ts), and consensus reads both columns by these names.
 * Tasks and items made before this migration are images with no thresholds.
 */
export const videoMigration = {
  version: 8,
  statements: [`ALTER TABLE tasks ADD COLUMN consensus jsonb NOT NULL DEFAULT '{}'::jsonb`, `ALTER TABLE items ADD COLUMN video jsonb`],
};
