import { z } from 'zod';
import type { ModelManifest } from '../types';

/**
 * The JSON form of a model manifest (models/README.md documents it with a
 * full example). Cross-field rules live here too, so a manifest that pairs a
 * task with the wrong decoder is refused before any model is opened.
 */

const rgbTriple = z.tuple([z.number().finite(), z.number().finite(), z.number().finite()]);
const fraction = z.number().min(0).max(1);

/** Which decoders produce what each task needs. */
const decodersByTask: Record<ModelManifest['task'], ModelManifest['decoder'][]> = {
  detect: ['yolo-v5', 'yolo-v8', 'yolo-v11'],
  'text-detect': ['ppocr-det'],
  ocr: ['ppocr-det'],
  'text-recognize': ['ppocr-rec'],
};

export const ModelManifestSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" or "-", starting with a letter or digit'),
    name: z.string().min(1),
    task: z.enum(['detect', 'text-detect', 'text-recognize', 'ocr']),
    file: z.string().min(1),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, '64 lowercase hex digits'),
    input: z
      .object({
        name: z.string().min(1),
        width: z.number().int().positive(),
        height: z.number().int().positive(),
        size: z.enum(['fixed', 'dynamic']),
      })
      .strict(),
    normalization: z
      .object({ mean: rgbTriple, std: rgbTriple, scale: z.number().positive(), channelOrder: z.enum(['rgb', 'bgr']) })
      .strict()
      .refine((n) => n.std.every((s) => s !== 0), { message: 'std values must not be 0', path: ['std'] }),
    decoder: z.enum(['yolo-v5', 'yolo-v8', 'yolo-v11', 'ppocr-det', 'ppocr-rec']),
    classes: z.array(z.string().min(1)).min(1),
    defaults: z.object({ confidence: fraction, iou: fraction }).strict(),
    recognizer: z.string().min(1).optional(),
    dictionary: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    if (!decodersByTask[m.task].includes(m.decoder)) {
      ctx.addIssue({ code: 'custom', path: ['decoder'], message: `task '${m.task}' needs decoder ${decodersByTask[m.task].map((d) => `'${d}'`).join(' or ')}, not '${m.decoder}'` });
    }
    if (m.task === 'ocr' && !m.recognizer) ctx.addIssue({ code: 'custom', path: ['recognizer'], message: "task 'ocr' needs a recognizer (the id of a 'text-recognize' manifest)" });
    if (m.decoder === 'ppocr-rec' && !m.dictionary) ctx.addIssue({ code: 'custom', path: ['dictionary'], message: "decoder 'ppocr-rec' needs a dictionary file" });
  });

/** zod issues as one line per problem: "input.width: expected number, received string". */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(manifest)'}: ${issue.message}`);
}

export type ManifestParse = { ok: true; manifest: ModelManifest } | { ok: false; problems: string[] };

/** Parses manifest JSON text; every problem is named with its field. */
export function parseManifest(text: string): ManifestParse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`invalid JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const result = ModelManifestSchema.safeParse(json);
  return result.success ? { ok: true, manifest: result.data } : { ok: false, problems: describeIssues(result.error) };
}
