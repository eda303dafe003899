import { z } from 'zod';

/** One typed attribute a class carries; values live on each shape. */
export const AttributeSpecSchema = z.discriminatedUnion('type', [
  z.object({ id: z.string().min(1), name: z.string().min(1), type: z.literal('text'), default: z.string().default('') }),
  z.object({ id: z.string().min(1), name: z.string().min(1), type: z.literal('number'), default: z.number().default(0), min: z.number().optional(), max: z.number().optional() }),
  z.object({ id: z.string().min(1), name: z.string().min(1), type: z.literal('select'), options: z.array(z.string().min(1)).min(1), default: z.string().optional() }),
  z.object({ id: z.string().min(1), name: z.string().min(1), type: z.literal('checkbox'), default: z.boolean().default(false) }),
]);
export type AttributeSpec = z.infer<typeof AttributeSpecSchema>;

export const LabelClassSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  /** CSS hex colour, e.g. #ff8800 */
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  /** Optional single-key hotkey; number keys 1..9 select classes by position regardless. */
  hotkey: z.string().max(1).optional(),
  attributes: z.array(AttributeSpecSchema).default([]),
});
export type LabelClass = z.infer<typeof LabelClassSchema>;

export const LabelSchemaSchema = z
  .object({ classes: z.array(LabelClassSchema) })
  .superRefine((schema, ctx) => {
    const seen = new Set<string>();
    for (const [i, c] of schema.classes.entries()) {
      if (seen.has(c.name)) ctx.addIssue({ code: 'custom', path: ['classes', i, 'name'], message: `duplicate class name "${c.name}"` });
      seen.add(c.name);
    }
  });
export type LabelSchema = z.infer<typeof LabelSchemaSchema>;

export type AttributeValue = string | number | boolean;
export const AttributeValueSchema = z.union([z.string(), z.number(), z.boolean()]);

/** Default values for every attribute of a class, used when a shape is created. */
export function defaultAttributes(cls: LabelClass): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const a of cls.attributes) {
    if (a.type === 'select') out[a.id] = a.default ?? a.options[0]!;
    else out[a.id] = a.default;
  }
  return out;
}

const PALETTE = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42d4f4', '#f032e6', '#bfef45', '#fabed4', '#469990'];
/** A distinct colour for the n-th class, so imported schemas are readable without editing. */
export function paletteColor(index: number): string {
  return PALETTE[index % PALETTE.length]!;
}
