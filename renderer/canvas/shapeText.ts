import type { LabelSchema } from '../../core/model/labelSchema';
import type { Shape } from '../../core/model/shape';
import { textAttributeOf } from '../../core/prelabel/classMapping';

/** A shape's text to draw (an OCR box's recognised text), or undefined. */
export type ShapeTextOf = (shape: Shape) => string | undefined;

/**
 * The text drawn with each box: the non-blank value of its class's `text`
 * attribute (core/prelabel/classMapping `textAttributeOf`). Null when no
 * class has one, so scenes without OCR classes pay nothing per box.
 */
export function shapeTextLookup(schema: LabelSchema): ShapeTextOf | null {
  const attributeByClass = new Map<string, string>();
  for (const cls of schema.classes) {
    const spec = textAttributeOf(cls);
    if (spec) attributeByClass.set(cls.id, spec.id);
  }
  if (attributeByClass.size === 0) return null;
  return (shape) => {
    const id = attributeByClass.get(shape.classId);
    const value = id === undefined ? undefined : shape.attributes[id];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
}

/** `text` on one line, cut to at most `maxChars` characters with an ellipsis. */
export function truncateText(text: string, maxChars: number): string {
  const line = text.replace(/\s+/g, ' ');
  if (line.length <= maxChars) return line;
  return maxChars <= 1 ? '…' : `${line.slice(0, maxChars - 1).trimEnd()}…`;
}

/** A label may run past a narrow box up to this width (screen px). */
const MIN_LINE_WIDTH = 96;
/** Rough average glyph width of the 12-px label font, for cutting a line without measuring it. */
const AVG_GLYPH_PX = 6.5;

/** `text` cut to fit under a box `screenWidth` px wide (or MIN_LINE_WIDTH, if that is wider). */
export function fitTextLine(text: string, screenWidth: number): string {
  return truncateText(text, Math.max(4, Math.floor(Math.max(screenWidth, MIN_LINE_WIDTH) / AVG_GLYPH_PX)));
}
