import { z } from 'zod';
import { isAddress } from './address';
import { videoConsensusWork } from './canonicalVideo';

/**
 * Wire forms of signed uploads, with size limits so a hostile body is refused
 * by validation rather than by memory. Keep the HTTP body limit of the hub
 * above a full batch (5,000 items of a few shapes is a few MiB).
 */
export const SYNC_LIMITS = {
  maxItemsPerBatch: 5000,
  maxShapesPerItem: 2000,
  maxAttributesPerShape: 64,
  maxNameLength: 200,
  maxTextAttributeLength: 4096,
  /** Box coordinates beyond this are not image pixels. */
  maxCoordinate: 1e7,
  /** A video item: 24 hours at 60 fps is 5,184,000 frames. */
  maxFrames: 6_000_000,
  /** Tracks per item: the Hungarian matching between two annotators is cubic in it. */
  maxTracksPerItem: 500,
  /** Keyframes over all tracks of one item: bounds the body and the hub's consensus work (frames × tracks). */
  maxKeyframesPerItem: 50_000,
  maxFrameTagsPerItem: 10_000,
  maxSegmentsPerItem: 10_000,
  maxTagsPerSegment: 64,
  /**
   * tracks × visible track-frames of one submission (canonicalVideo.ts
   * `videoConsensusWork`): bounds the per-frame IoU work of consensus between
   * any two annotators. 50M is an hour at 30 fps with 23 objects always in
   * view, or a 20-second clip with 288; measured about 6 s of CPU for three
   * annotators on the test machine (core/consensus/video/README.md). Longer
   * or busier videos are split into clips.
   */
  maxConsensusWork: 50_000_000,
} as const;

const MAX_UINT256 = (1n << 256n) - 1n;

export const Hex32Schema = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'must be 0x and 64 hex digits (32 bytes)');
export const AddressSchema = z.string().refine(isAddress, 'must be an address: 0x and 40 hex digits, with a correct EIP-55 checksum if mixed case');
export const SignatureSchema = z.string().regex(/^0x[0-9a-fA-F]{130}$/, 'must be a 65-byte signature: 0x and 130 hex digits');
export const Uint256StringSchema = z
  .string()
  .regex(/^\d{1,78}$/, 'must be an unsigned integer in decimal digits')
  .refine((s) => BigInt(s) <= MAX_UINT256, 'does not fit in uint256');
export const DeadlineSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const IdSchema = z.string().min(1).max(SYNC_LIMITS.maxNameLength);

const coordinate = z.number().finite().min(-SYNC_LIMITS.maxCoordinate).max(SYNC_LIMITS.maxCoordinate);
const size = z.number().finite().nonnegative().max(SYNC_LIMITS.maxCoordinate);

const NameSchema = z.string().min(1).max(SYNC_LIMITS.maxNameLength);
const BoxWireSchema = z.object({ x: coordinate, y: coordinate, w: size, h: size });
const FrameSchema = z.number().int().nonnegative().max(SYNC_LIMITS.maxFrames - 1);
const AttributesWireSchema = z
  .record(NameSchema, z.union([z.string().max(SYNC_LIMITS.maxTextAttributeLength), z.number().finite(), z.boolean()]))
  .refine((a) => Object.keys(a).length <= SYNC_LIMITS.maxAttributesPerShape, `at most ${SYNC_LIMITS.maxAttributesPerShape} attributes per shape`);

export const CanonicalShapeSchema = z.object({
  className: NameSchema,
  box: BoxWireSchema,
  attributes: AttributesWireSchema.optional(),
  /** Video items only (canonicalLabels.ts). */
  frame: FrameSchema.optional(),
});

export const CanonicalKeyframeSchema = z.object({
  frame: FrameSchema,
  box: BoxWireSchema,
  outside: z.literal(true).optional(),
  attributes: AttributesWireSchema.optional(),
});

export const CanonicalTrackSchema = z.object({
  className: NameSchema,
  attributes: AttributesWireSchema.optional(),
  keyframes: z.array(CanonicalKeyframeSchema).min(1).max(SYNC_LIMITS.maxKeyframesPerItem),
});

/**
 * A video item's tracks, frame tags and segments (core/sync/canonicalVideo.ts).
 * Frames past `frameCount`, overlapping keyframes and segments that do not
 * tile the video are refused by the canonical form itself; the hub also
 * checks `frameCount` against the item's.
 */
export const CanonicalVideoLabelsSchema = z
  .object({
  frameCount: z.number().int().min(1).max(SYNC_LIMITS.maxFrames),
  tracks: z
    .array(CanonicalTrackSchema)
    .max(SYNC_LIMITS.maxTracksPerItem)
    .refine((tracks) => tracks.reduce((n, t) => n + t.keyframes.length, 0) <= SYNC_LIMITS.maxKeyframesPerItem, `at most ${SYNC_LIMITS.maxKeyframesPerItem} keyframes over all tracks of an item`),
  frameTags: z.array(z.object({ className: NameSchema, startFrame: FrameSchema, endFrame: FrameSchema })).max(SYNC_LIMITS.maxFrameTagsPerItem),
  segments: z.array(z.object({ startFrame: FrameSchema, endFrame: FrameSchema, tags: z.array(NameSchema).max(SYNC_LIMITS.maxTagsPerSegment).optional() })).max(SYNC_LIMITS.maxSegmentsPerItem),
  })
  .superRefine((video, ctx) => {
    const work = videoConsensusWork(video);
    if (work > SYNC_LIMITS.maxConsensusWork) {
      ctx.addIssue({
        code: 'custom',
        path: ['tracks'],
        message: `${video.tracks.length} tracks visible on ${work / Math.max(1, video.tracks.length)} track-frames in all make ${work} units of consensus work, more than ${SYNC_LIMITS.maxConsensusWork}: split the video into shorter clips`,
      });
    }
  });

export const BatchItemSchema = z.object({
  itemId: IdSchema,
  shapes: z.array(CanonicalShapeSchema).max(SYNC_LIMITS.maxShapesPerItem),
  video: CanonicalVideoLabelsSchema.optional(),
});

export const LabelBatchSchema = z.object({
  annotator: AddressSchema,
  task: Hex32Schema,
  root: Hex32Schema,
  itemCount: z.number().int().min(1).max(SYNC_LIMITS.maxItemsPerBatch),
  nonce: Uint256StringSchema,
  deadline: DeadlineSchema,
});

/** POST /batches body. Root and signature are checked by the hub (`checkBatchContents`, signer recovery), not here. */
export const SignedBatchUploadSchema = z
  .object({
    batch: LabelBatchSchema,
    signature: SignatureSchema,
    items: z.array(BatchItemSchema).min(1).max(SYNC_LIMITS.maxItemsPerBatch),
  })
  .superRefine((upload, ctx) => {
    if (upload.batch.itemCount !== upload.items.length) {
      ctx.addIssue({ code: 'custom', path: ['batch', 'itemCount'], message: `says ${upload.batch.itemCount} items but the body carries ${upload.items.length}` });
    }
    const seen = new Set<string>();
    upload.items.forEach((item, i) => {
      if (seen.has(item.itemId)) ctx.addIssue({ code: 'custom', path: ['items', i, 'itemId'], message: `item "${item.itemId}" appears twice` });
      seen.add(item.itemId);
    });
  });
export type SignedBatchUpload = z.infer<typeof SignedBatchUploadSchema>;

export const VerdictSchema = z.object({
  reviewer: AddressSchema,
  task: Hex32Schema,
  item: Hex32Schema,
  labelsHash: Hex32Schema,
  nonce: Uint256StringSchema,
  deadline: DeadlineSchema,
});

/** A verdict with the final labels it hashes (issue 6). */
export const SignedVerdictUploadSchema = z.object({
  verdict: VerdictSchema,
  signature: SignatureSchema,
  itemId: IdSchema,
  shapes: z.array(CanonicalShapeSchema).max(SYNC_LIMITS.maxShapesPerItem),
  /** A video item's final tracks, frame tags and segments: `labelsHash` is then the version-2 hash. */
  video: CanonicalVideoLabelsSchema.optional(),
});
export type SignedVerdictUpload = z.infer<typeof SignedVerdictUploadSchema>;

/** "batch.nonce: must be …; items[3].shapes[0].box.w: …" — a located message for the hub's 400 answers. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') || '(body)'}: ${issue.message}`)
    .join('; ');
}
