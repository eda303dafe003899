import { z } from 'zod';
import { formatIds, type FormatId } from '../formats';
import { videoFormatIds, type VideoFormatId } from '../formats/video';
import { stripExtension } from '../formats/shared/paths';
import { TaskConsensusOptionsSchema } from '../hubApi/tasks';
import { AddressSchema, CanonicalShapeSchema, CanonicalVideoLabelsSchema, Hex32Schema, LabelBatchSchema, SignatureSchema, VerdictSchema } from '../sync/wireSchemas';

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

/** Formats of an export: an image task's (core/formats) or a video task's (core/formats/video). */
export const exportFormatIds = [...formatIds, ...videoFormatIds] as [FormatId | VideoFormatId, ...(FormatId | VideoFormatId)[]];
export type ExportFormatId = FormatId | VideoFormatId;
export const isVideoFormat = (format: ExportFormatId): format is VideoFormatId => (videoFormatIds as string[]).includes(format);

/**
 * A video item's folder in `dataset/` (or `disputed/`): its unique name in
 * the export without the extension (`clips/street.mp4` → `clips/street`),
 * holding that video's files in the chosen video format.
 */
export const videoFolderOf = (line: Pick<LineageLine, 'image'>): string => stripExtension(line.image.fileName);

export const ManifestSchema = z.object({
  schema: z.literal(EXPORT_SCHEMA),
  taskId: z.string().min(1),
  /** `taskIdToBytes32(taskId)`: what every batch and verdict signed. */
  task: Hex32Schema,
  title: z.string(),
  format: z.enum(exportFormatIds),
  /** The EIP-712 domain the hub verified signatures in (chain id and rewards contract). */
  domain: z.object({ name: z.string(), version: z.string(), chainId: z.number().int().positive(), verifyingContract: AddressSchema }),
  /** k: submissions consensus waited for. */
  redundancy: z.number().int().min(1),
  /** The consensus rule's options the hub decided with (core/consensus). */
  iouThreshold: z.number().gt(0).max(1),
  disputed: z.enum(['exclude', 'include']),
  counts: z.object({ accepted: z.number().int().min(0), resolved: z.number().int().min(0), disputed: z.number().int().min(0) }),
  /** A video task's consensus thresholds, defaults filled in (core/consensus/video): what its items were decided with. */
  videoConsensus: TaskConsensusOptionsSchema.optional(),
});
export type ExportManifest = z.infer<typeof ManifestSchema>;

export const LineageSubmissionSchema = z.object({
  annotator: AddressSchema,
  /** `itemLabelHash(itemId, shapes)`: this item's leaf in the batch tree. */
  labelHash: Hex32Schema,
  shapes: z.array(CanonicalShapeSchema),
  /** A video item's tracks, frame tags and segments as signed: the label hash is then `itemLabelHash(itemId, shapes, video)`. */
  video: CanonicalVideoLabelsSchema.optional(),
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
  /** The item's image in the dataset folder (`dataset/` or `disputed/`); a video item's video (its labels are in `videoFolderOf(line)` there). */
  image: z.object({ fileName: z.string().min(1), width: z.number().positive(), height: z.number().positive() }),
  status: z.enum(['accepted', 'resolved', 'disputed']),
  /** The final labels (accepted: consensus; resolved: the verdict's); for a disputed item, the consensus proposal. */
  labels: z.array(CanonicalShapeSchema),
  /** A video item's final (or proposed) tracks, frame tags and segments; absent for an image. */
  video: CanonicalVideoLabelsSchema.optional(),
  /** `itemLabelHash(itemId, labels, video)`. */
  labelsHash: Hex32Schema,
  /** The consensus scores the hub computed from the submissions (for a resolved item: before the verdict). */
  consensus: z.object({
    status: z.enum(['accepted', 'disputed']),
    score: z.number(),
    /** Video items: `agreement` is the least of the annotator's IDF1, tag and segment agreement, each given too. */
    annotators: z.array(z.object({ annotator: z.string(), agreement: z.number(), idf1: z.number().optional(), tagAgreement: z.number().optional(), segmentAgreement: z.number().optional() })),
    /** Annotators whose shapes agree with the final labels (they earn the item's reward); empty for a disputed item. */
    agreeingAnnotators: z.array(z.string()),
    /** Video items: the mean annotator IDF1, tag and segment agreement (`score` is their least), and the parts below their thresholds. */
    scores: z.object({ tracks: z.number(), frameTags: z.number(), segments: z.number() }).optional(),
    disputedParts: z.array(z.enum(['tracks', 'frameTags', 'segments'])).optional(),
  }),
  submissions: z.array(LineageSubmissionSchema),
  verdict: LineageVerdictSchema.nullable(),
});
export type LineageLine = z.infer<typeof LineageLineSchema>;
