import type { AttributeValue } from '../../model/labelSchema';
import { FormatError } from '../formatError';
import { parseNumber } from '../shared/numbers';
import { xmlAttr, xmlChildren, xmlText } from '../shared/xmlFile';
import { el, type XmlNode } from '../shared/xmlWriter';
import { storedFlags, type FrameFlags } from './frameFlags';

/**
 * A CVAT <box>'s per-frame flags: its `occluded` attribute, and <attribute
 * name="…">value</attribute> children (CVAT's label attributes, mutable per
 * frame in a track; `visibility` from MOT goes this way too). Values read
 * back as true/false → boolean, a decimal → number, anything else → text:
 * the XML carries no types, and these are the three the store has.
 */
export function readBoxFlags(file: string, location: string, box: unknown): FrameFlags | undefined {
  const flags: FrameFlags = {};
  const occluded = xmlAttr(box, 'occluded');
  if (occluded !== undefined) {
    if (occluded !== '0' && occluded !== '1') throw new FormatError(file, location, `occluded="${occluded}" must be 0 or 1`);
    flags.occluded = occluded === '1';
  }
  for (const node of xmlChildren(box, 'attribute')) {
    const name = xmlAttr(node, 'name')?.trim();
    if (!name) throw new FormatError(file, location, 'an <attribute> of the box has no name');
    flags[name] = valueOf(xmlText(node) ?? '');
  }
  return storedFlags(flags);
}

function valueOf(text: string): AttributeValue {
  const t = text.trim();
  if (t === 'true' || t === 'false') return t === 'true';
  return parseNumber(t) ?? t;
}

/** The `occluded` value and <attribute> children that write `flags` back. */
export function boxFlagsXml(flags: FrameFlags | undefined): { occluded: 0 | 1; children: XmlNode[] } {
  const { occluded, ...others } = flags ?? {};
  return {
    occluded: occluded === true ? 1 : 0,
    children: Object.entries(others).map(([name, value]) => el('attribute', String(value), [['name', name]])),
  };
}
