import { z } from 'zod';
import { defineService, method } from '../contract/defineService';
import { BoxSchema } from '../../../core/model/shape';
import { RelPathSchema } from './mediaService';

export const ModelSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  task: z.string(),
  classes: z.array(z.string()),
  defaults: z.object({ confidence: z.number(), iou: z.number() }),
  /** False when the manifest or its files have problems; `problems` says which. */
  available: z.boolean(),
  problems: z.array(z.string()),
  manifestPath: z.string(),
  /**
   * False for a model that cannot pre-label on its own (a text recognizer needs a detector to find the
   * text first): the model picker does not offer it.
   */
  runsAlone: z.boolean(),
  /** A `.onnx` found without a manifest: what was read from it is proposed; the user confirms or corrects it (`confirmModel`). */
  needsConfirmation: z.boolean(),
  /** What was read from the model file (Ultralytics metadata, input/output shapes, decoder and why, notes), to show the user. */
  readFromModel: z
    .object({
      metadata: z.record(z.string(), z.string()),
      classes: z.array(z.string()).optional(),
      inputSize: z.object({ width: z.number(), height: z.number(), from: z.string() }).optional(),
      decoder: z.string().optional(),
      decoderReason: z.string().optional(),
      notes: z.array(z.string()),
    })
    .optional(),
});
export type ModelSummary = z.infer<typeof ModelSummarySchema>;

export const PredictionSchema = z.object({
  className: z.string(),
  classIndex: z.number().int().nonnegative(),
  box: BoxSchema,
  score: z.number().min(0).max(1),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
export type PredictionDto = z.infer<typeof PredictionSchema>;

export const ThresholdsSchema = z.object({ confidence: z.number().min(0).max(1), iou: z.number().min(0).max(1) });

export const LoadedModelSchema = z.object({
  modelId: z.string(),
  provider: z.string(),
  fallbacks: z.array(z.object({ provider: z.string(), reason: z.string() })),
});
export type LoadedModel = z.infer<typeof LoadedModelSchema>;

/** One item's outcome in a pre-label run (single item or background job). */
export const ItemPredictionsSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    itemId: z.string(),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    predictions: z.array(PredictionSchema),
  }),
  z.object({ ok: z.literal(false), itemId: z.string(), error: z.string() }),
]);
export type ItemPredictions = z.infer<typeof ItemPredictionsSchema>;

export const inferenceService = defineService(
  'inference',
  {
    listModels: method(z.object({}).strict(), z.array(ModelSummarySchema)),
    /**
     * Confirms a proposed model (one listed with `needsConfirmation`), with the user's corrections: writes its
     * manifest beside the file. Only a listed proposal's `manifestPath` is accepted, never an arbitrary path.
     */
    confirmModel: method(
      z
        .object({
          manifestPath: z.string().min(1).max(4096),
          corrections: z
            .object({
              id: z.string().min(1).max(128).optional(),
              name: z.string().min(1).max(256).optional(),
              classes: z.array(z.string().min(1).max(256)).min(1).max(10_000).optional(),
              decoder: z.enum(['yolo-v5', 'yolo-v8', 'yolo-v11']).optional(),
              defaults: z.object({ confidence: z.number().min(0).max(1), iou: z.number().min(0).max(1) }).optional(),
            })
            .strict()
            .default({}),
        })
        .strict(),
      ModelSummarySchema,
    ),
    /** Loads the model once (later calls are instant) and reports the provider that loaded. */
    loadModel: method(z.object({ modelId: z.string().min(1) }).strict(), LoadedModelSchema),
    /** Pre-label one item now (the hotkey path); background runs go through jobs ('prelabel'). */
    predictItem: method(
      z.object({ modelId: z.string().min(1), rootId: z.string().min(1), itemId: z.string().min(1), relPath: RelPathSchema, thresholds: ThresholdsSchema }).strict(),
      ItemPredictionsSchema,
    ),
  },
  {},
);
