import { z } from 'zod';
import { CanonicalShapeSchema, CanonicalVideoLabelsSchema } from '../sync/wireSchemas';
import { defineRoute } from './route';
import { Sha256Schema } from './fields';

export const DisputeSubmissionSchema = z.looseObject({
  annotator: z.string().min(1),
  shapes: z.array(CanonicalShapeSchema),
  /** A video item's tracks, frame tags and segments as this annotator signed them. */
  video: CanonicalVideoLabelsSchema.optional(),
});
export type DisputeSubmission = z.infer<typeof DisputeSubmissionSchema>;

/** core/consensus's cluster as the hub sends it: members point into the submissions by annotator and shape index. */
export const DisputeClusterSchema = z.looseObject({
  members: z.array(z.looseObject({ annotator: z.string(), shapeIndex: z.number().int().nonnegative(), shape: CanonicalShapeSchema })),
  accepted: z.boolean(),
  label: CanonicalShapeSchema.nullable(),
});
export type DisputeCluster = z.infer<typeof DisputeClusterSchema>;

/** One disputed item (GET /disputes): every submission and the consensus proposal. */
export const DisputeSchema = z.looseObject({
  itemId: z.string().min(1),
  taskId: z.string().min(1),
  sha256: Sha256Schema,
  fileName: z.string().min(1),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  submissions: z.array(DisputeSubmissionSchema),
  proposal: z.looseObject({
    labels: z.array(CanonicalShapeSchema),
    clusters: z.array(DisputeClusterSchema),
    /** Video items: the consensus proposal's video part, and the track clusters (members point into each submission's video.tracks). */
    video: CanonicalVideoLabelsSchema.optional(),
    trackClusters: z.array(z.looseObject({ members: z.array(z.looseObject({ annotator: z.string(), trackIndex: z.number().int().nonnegative() })), accepted: z.boolean() })).optional(),
    /** Which parts fell below their thresholds. */
    disputedParts: z.array(z.string()).optional(),
  }),
  /** A video item's frame count and rate. */
  video: z.looseObject({ frameCount: z.number().int().positive(), fps: z.number().positive() }).nullable().optional(),
  /** The task's label schema when the hub sends it along (class names and attributes for fixes). */
  labelSchema: z.unknown().optional(),
});
export type Dispute = z.infer<typeof DisputeSchema>;

export const DisputeQuery = z.object({
  taskId: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** Disputed items without a verdict, never ones the caller was assigned. */
export const listDisputesRoute = defineRoute({
  method: 'GET',
  path: '/disputes',
  access: 'reviewer',
  query: DisputeQuery,
  response: z.object({ disputes: z.array(DisputeSchema) }),
});
