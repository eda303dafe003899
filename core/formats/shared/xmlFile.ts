import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FormatError } from '../formatError';
import type { FormatFile } from '../types';
import { parseNumber } from './numbers';
import { withoutBom } from './text';

export const ATTR = '@_';

/** A parsed element: child elements by tag, attributes as "@_name", text as "#text". */
export type XmlElement = Record<string, unknown>;

/**
 * Parses XML after checking its syntax, so a broken file reports its line.
 * Values stay strings: numbers are parsed by the format, which knows what a
 * bad one means.
 */
export function parseXmlFile(file: FormatFile, arrayTags: readonly string[]): XmlElement {
  const content = withoutBom(file.content);
  const valid = XMLValidator.validate(content);
  if (valid !== true) throw new FormatError(file.path, `line ${valid.err.line}`, `invalid XML: ${valid.err.msg}`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: ATTR,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    isArray: (tag) => arrayTags.includes(tag),
  });
  return parser.parse(content) as XmlElement;
}

/** The text of an element that may have been parsed as a bare string or as an object with attributes. */
export function xmlText(node: unknown): string | undefined {
  if (typeof node === 'string') return node;
  if (typeof node === 'number') return String(node);
  if (node && typeof node === 'object' && '#text' in node) return String((node as XmlElement)['#text']);
  if (node && typeof node === 'object') return '';
  return undefined;
}

export function childText(node: unknown, tag: string): string | undefined {
  if (!node || typeof node !== 'object') return undefined;
  return xmlText((node as XmlElement)[tag]);
}

export function xmlChild(node: unknown, tag: string): XmlElement | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const child = (node as XmlElement)[tag];
  if (child === undefined) return undefined;
  // An empty element (<meta/>) parses as "": still present, with nothing inside.
  return child && typeof child === 'object' ? (child as XmlElement) : {};
}

export function xmlChildren(node: unknown, tag: string): unknown[] {
  if (!node || typeof node !== 'object') return [];
  const child = (node as XmlElement)[tag];
  return Array.isArray(child) ? child : child === undefined ? [] : [child];
}

export function xmlAttr(node: unknown, name: string): string | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const v = (node as XmlElement)[ATTR + name];
  return v === undefined ? undefined : String(v);
}

/** A required number, read from an attribute or child text; `what` names it in the error. */
export function requireNumber(file: string, location: string, what: string, text: string | undefined): number {
  if (text === undefined || text === '') throw new FormatError(file, location, `missing ${what}`);
  const n = parseNumber(text);
  if (n === undefined) throw new FormatError(file, location, `${what} "${text}" is not a number`);
  return n;
}

export function requireText(file: string, location: string, what: string, text: string | undefined): string {
  if (text === undefined || text.trim() === '') throw new FormatError(file, location, `missing ${what}`);
  return text.trim();
}
