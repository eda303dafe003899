import type { AttributeValue } from '../model/labelSchema';
import type { DatasetImage } from './types';

/**
 * The per-object flags VOC, CVAT and Datumaro carry beside the box. They are
 * kept as boolean box attributes under these names.
 */
export const BOX_FLAGS = ['occluded', 'truncated', 'difficult'] as const;
export type BoxFlag = (typeof BOX_FLAGS)[number];

/** A flag's value as the file writes it: 1/0 (VOC, CVAT) or true/false. Anything else is not a flag value. */
export function flagValue(text: string | undefined): boolean | undefined {
  const t = text?.trim().toLowerCase();
  if (t === '1' || t === 'true') return true;
  if (t === '0' || t === 'false') return false;
  return undefined;
}

/** The box's flag for export: true only when the attribute is the boolean true (or 1). */
export function flagOf(attributes: Record<string, AttributeValue> | undefined, flag: BoxFlag): boolean {
  const v = attributes?.[flag];
  return v === true || v === 1;
}

/** The box's attributes without these flags, which the format writes in their own place (CVAT's occluded="1"), not as attributes. */
export function withoutFlags(attributes: Record<string, AttributeValue> | undefined, flags: readonly BoxFlag[]): [string, AttributeValue][] {
  return Object.entries(attributes ?? {}).filter(([name]) => !(flags as readonly string[]).includes(name));
}

/**
 * These tools write every flag on every object (VOC's <truncated>0</truncated>,
 * CVAT's occluded="0"), so keeping all of them would give every imported
 * class three attributes nobody set. A flag is kept for a class when at
 * least one of its boxes has it set; then every box of that class carries it
 * (true or false), as a checkbox the class can declare. Importers read every
 * flag the file states and call this once at the end.
 */
export function settleFlags(images: DatasetImage[]): void {
  const used = new Set<string>();
  for (const image of images) {
    for (const b of image.boxes) for (const flag of BOX_FLAGS) if (b.attributes?.[flag] === true) used.add(`${b.className}\u0000${flag}`);
  }
  for (const image of images) {
    for (const b of image.boxes) {
      if (!b.attributes) continue;
      for (const flag of BOX_FLAGS) {
        if (typeof b.attributes[flag] !== 'boolean') continue;
        if (!used.has(`${b.className}\u0000${flag}`)) delete b.attributes[flag];
      }
      if (Object.keys(b.attributes).length === 0) delete b.attributes;
    }
  }
}
