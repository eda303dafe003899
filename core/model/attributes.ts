import type { AttributeSpec, AttributeValue, LabelClass } from './labelSchema';

export interface AttributeProblem {
  /** The attribute's id (the key in a shape's `attributes`). */
  attributeId: string;
  message: string;
}

/**
 * Checks a shape's attribute values against its class: every attribute
 * present and of its type, numbers within range, select values among the
 * options, and no values for attributes the class does not have.
 */
export function validateAttributes(cls: LabelClass, values: Record<string, AttributeValue>): AttributeProblem[] {
  const problems: AttributeProblem[] = [];
  for (const spec of cls.attributes) {
    const message = problemWith(spec, values[spec.id]);
    if (message) problems.push({ attributeId: spec.id, message: `${spec.name}: ${message}` });
  }
  const known = new Set(cls.attributes.map((a) => a.id));
  for (const id of Object.keys(values)) {
    if (!known.has(id)) problems.push({ attributeId: id, message: `class "${cls.name}" has no attribute "${id}"` });
  }
  return problems;
}

function problemWith(spec: AttributeSpec, value: AttributeValue | undefined): string | undefined {
  if (value === undefined) return 'missing value';
  switch (spec.type) {
    case 'text':
      return typeof value === 'string' ? undefined : `expected text, got ${JSON.stringify(value)}`;
    case 'checkbox':
      return typeof value === 'boolean' ? undefined : `expected true or false, got ${JSON.stringify(value)}`;
    case 'select':
      return typeof value === 'string' && spec.options.includes(value) ? undefined : `${JSON.stringify(value)} is not one of ${spec.options.join(', ')}`;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return `expected a number, got ${JSON.stringify(value)}`;
      if (spec.min !== undefined && value < spec.min) return `${value} is below the minimum ${spec.min}`;
      if (spec.max !== undefined && value > spec.max) return `${value} is above the maximum ${spec.max}`;
      return undefined;
  }
}

/**
 * Reads a value from a file into the attribute's type where that is
 * unambiguous (formats such as CVAT carry everything as text): "4" for a
 * number, "true"/"false" for a checkbox. Returns undefined when it cannot.
 */
export function coerceAttributeValue(spec: AttributeSpec, value: AttributeValue): AttributeValue | undefined {
  const coerced = coerce(spec, value);
  return coerced !== undefined && problemWith(spec, coerced) === undefined ? coerced : undefined;
}

function coerce(spec: AttributeSpec, value: AttributeValue): AttributeValue | undefined {
  switch (spec.type) {
    case 'number':
      if (typeof value === 'number') return value;
      return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : undefined;
    case 'checkbox':
      if (typeof value === 'boolean') return value;
      return value === 'true' ? true : value === 'false' ? false : undefined;
    case 'text':
    case 'select':
      return typeof value === 'string' ? value : String(value);
  }
}
