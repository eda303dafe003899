import { LabelSchemaSchema, type LabelSchema } from '../../../core/model/labelSchema';

/** Problems keyed by dotted path ("classes.0.name", "classes.1.attributes.0.options"), for inline display. */
export type SchemaProblems = Map<string, string>;

/** The store's own validation (zod) plus what makes a schema unusable at the keyboard: a class hotkey used twice. */
export function validateSchema(schema: LabelSchema): SchemaProblems {
  const problems: SchemaProblems = new Map();
  const parsed = LabelSchemaSchema.safeParse(schema);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      if (!problems.has(path)) problems.set(path, friendly(path, issue.code, issue.message));
    }
  }
  const hotkeys = new Map<string, number>();
  schema.classes.forEach((c, i) => {
    const key = c.hotkey?.toLowerCase();
    if (key && /^[1-9]$/.test(key)) problems.set(`classes.${i}.hotkey`, 'number keys already pick classes by position');
    else if (key && hotkeys.has(key)) problems.set(`classes.${i}.hotkey`, `"${key}" is also the hotkey of ${schema.classes[hotkeys.get(key)!]!.name}`);
    else if (key) hotkeys.set(key, i);
    const names = new Set<string>();
    c.attributes.forEach((a, j) => {
      if (names.has(a.name)) problems.set(`classes.${i}.attributes.${j}.name`, `"${a.name}" is listed twice`);
      names.add(a.name);
    });
  });
  return problems;
}

/** zod's wording ("Too small: expected string to have >=1 characters") in the words of this form. */
function friendly(path: string, code: string, message: string): string {
  if (code === 'too_small' && path.endsWith('.name')) return 'required';
  if (code === 'too_small' && path.endsWith('.options')) return 'give at least one option';
  if (code === 'invalid_format' && path.endsWith('.color')) return 'pick a colour';
  return message;
}
