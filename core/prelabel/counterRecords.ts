import { z } from 'zod';
import { defineRecordType } from '../model/recordTypes';

/**
 * The stored forms of the pre-label counters (projectTally.ts, itemTally.ts):
 * versioned records read through their migrators like every stored row.
 * Version 1 is the first; both are always stamped (no unversioned rows exist).
 */
const count = z.number().int().nonnegative();

const RawCountsSchema = z.object({
  accepted: count,
  corrected: count,
  rejected: count,
  pending: count,
  autoAccepted: count,
  missed: count,
  audits: z.record(z.string(), z.object({ n: count, accepted: count })),
});

export const PrelabelTotalsRowSchema = z.object({
  projectId: z.string().min(1),
  scopeSources: z.record(z.string(), z.object({ names: z.array(z.string()), classIds: z.array(z.string()) })),
  scopes: z.record(z.string(), z.array(z.string())),
  rows: z.record(z.string(), RawCountsSchema.extend({ items: count })),
});
export type PrelabelTotalsRow = z.infer<typeof PrelabelTotalsRowSchema> & { schemaVersion?: number };

export const PrelabelItemCountsRowSchema = z.object({
  itemId: z.string().min(1),
  projectId: z.string().min(1),
  models: z.array(z.string()).min(1),
  predictions: z.record(z.string(), RawCountsSchema),
  human: z.record(z.string(), count),
});
export type PrelabelItemCountsRow = z.infer<typeof PrelabelItemCountsRowSchema> & { schemaVersion?: number };

export const counterRecordTypes = {
  prelabelTotals: defineRecordType({ kind: 'prelabelTotals', schema: PrelabelTotalsRowSchema, currentVersion: 1, chain: {} }),
  prelabelItemCounts: defineRecordType({ kind: 'prelabelItemCounts', schema: PrelabelItemCountsRowSchema, currentVersion: 1, chain: {} }),
} as const;
