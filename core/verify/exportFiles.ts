import { z } from 'zod';
import { formatIds, type FormatId } from '../formats';
import { AddressSchema, CanonicalShapeSchema, Hex32Schema, LabelBatchSchema, SignatureSchema, VerdictSchema } from '../sync/wireSchemas';

/**
 * What a hub export holds besides the dataset itself, as written by the hub
 * (hub/export) and read by `verify-dataset` (core/verify): `manifest.json`
 * and `lineage.jsonl`, one line per item. Everything in them can be checked
 * offline against signatures; nothing needs the hub to be honest.
 */
export const EXPORT_SCHEMA = 'groundwork-export/1';
export const MANIFEST_FILE = 'manifest.json';
export const LINEAGE_FILE = 'lineage.jsonl';
/** The consensus dataset (final items) in the chosen format. */
export const DATASET_DIR = 'dataset';
/** With `disputed=include`: the disputed items' consensus proposals, in the same format. */
export const DISPUTED_DIR = 'disputed';

export const ManifestSchema = z.object({
  schema: z.literal(EXPORT_SCHEMA),
  taskId: z.string().min(1),
  /** `taskIdToBytes32(taskId)`: what every batch and verdict signed. */
  task: Hex32Schema,
  title: z.string(),
  format: z.enum(formatIds as [FormatId, ...FormatId[]]),
  /** The EIP-712 domain the hub verified signatures in (chain id and rewards contract). */
  domain: z.object({ name: z.string(), version: z.string(), chainId: z.number().int().positive(), verifyingContract: AddressSchema }),
  /** k: submissions consensus waited for. */
  redundancy: z.number().int().min(1),
  /** The consensus rule's options the hub decided with (core/consensus). */
  iouThreshold: z.number().gt(0).max(1),
  disputed: z.enum(['exclude', 'include']),
  counts: z.object({ accepted: z.number().int().min(0), resolved: z.number().int().min(0), disputed: z.number().int().min(0) }),
});
export type ExportManifest = z.infer<typeof ManifestSchema>;

export const LineageSubmissionSchema = z.object({
  annotator: AddressSchema,
  /** `itemLabelHash(itemId, shapes)`: this item's leaf in the batch tree. */
  labelHash: Hex32Schema,
  shapes: z.array(CanonicalShapeSchema),
  /** The signed `LabelBatch` (task is the manifest's) and its EIP-712 digest (the batch id). */
  batch: LabelBatchSchema.pick({ root: true, itemCount: true, nonce: true, deadline: true }).extend({ digest: Hex32Schema }),
  signature: SignatureSchema,
  /** Inclusion proof of `labelHash` in `batch.root` (core/sync/merkle.ts, sorted pairs). */
  proof: z.array(Hex32Schema),
});
export type LineageSubmission = z.infer<typeof LineageSubmissionSchema>;

/** The signed `Verdict` (task and item are the manifest's and the line's), its EIP-712 digest (the verdict id) and signature. */
export const LineageVerdictSchema = VerdictSchema.pick({ reviewer: true, labelsHash: true, nonce: true, deadline: true }).extend({ digest: Hex32Schema, signature: SignatureSchema });
export type LineageVerdict = z.infer<typeof LineageVerdictSchema>;

export const LineageLineSchema = z.object({
  itemId: z.string().min(1),
  /** The item's image in the dataset folder (`dataset/` or `disputed/`). */
  image: z.object({ fileName: z.string().min(1), width: z.number().positive(), height: z.number().positive() }),
  status: z.enum(['accepted', 'resolved', 'disputed']),
  /** The final labels (accepted: consensus; resolved: the verdict's); for a disputed item, the consensus proposal. */
  labels: z.array(CanonicalShapeSchema),
  /** `itemLabelHash(itemId, labels)`. */
  labelsHash: Hex32Schema,
  /** The consensus scores the hub computed from the submissions (for a resolved item: before the verdict). */
  consensus: z.object({
    status: z.enum(['accepted', 'disputed']),
    score: z.number(),
    annotators: z.array(z.object({ annotator: z.string(), agreement: z.number() })),
    /** Annotators whose shapes agree with the final labels (they earn the item's reward); empty for a disputed item. */
    agreeingAnnotators: z.array(z.string()),
  }),
  submissions: z.array(LineageSubmissionSchema),
  verdict: LineageVerdictSchema.nullable(),
});
export type LineageLine = z.infer<typeof LineageLineSchema>;
