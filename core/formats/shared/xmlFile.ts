import { XMLParser, XMLValidator, type ValidationError } from 'fast-xml-parser';
import { FormatError } from '../formatError';
import type { FormatFile } from '../types';
import { parseNumber } from './numbers';
import { clipReason, lineOfOffset, withoutBom } from './text';
import { readDoctypeEntities } from './xmlDoctype';
import { XmlEntityDecoder } from './xmlEntities';

export const ATTR = '@_';

/** Annotation XML nests five or six levels; the parser refuses deeper documents (its default, made explicit to name it in the error). */
export const MAX_XML_DEPTH = 100;

/** A parsed element: child elements by tag, attributes as "@_name", text as "#text". */
export type XmlElement = Record<string, unknown>;

/**
 * Parses XML after checking its syntax, so a broken file reports its line.
 * Values stay strings: numbers are parsed by the format, which knows what a
 * bad one means. Character references (`&#1050;`) and the five predefined
 * entities are decoded; a DOCTYPE may declare only a few short internal
 * entities (see readDoctypeEntities). Every failure is a FormatError with a
 * message of at most a few hundred characters, however broken the file.
 *
 * The validator runs first because the parser is lenient (a closing tag
 * that does not match is accepted) and names no line; on a 46 MB CVAT file
 * it costs about a third of the parse's time and less memory than the
 * parse (bench:formats).
 */
export function parseXmlFile(file: FormatFile, arrayTags: readonly string[]): XmlElement {
  const content = withoutBom(file.content);
  const entities = readDoctypeEntities(file.path, content);
  const valid = guard(file.path, () => XMLValidator.validate(content));
  if (valid !== true) throw validationError(file.path, content, valid);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: ATTR,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    isArray: (tag) => arrayTags.includes(tag),
    entityDecoder: new XmlEntityDecoder(file.path, entities),
    maxNestedTags: MAX_XML_DEPTH,
  });
  return guard(file.path, () => parser.parse(content) as XmlElement);
}

/** Runs a parser step; whatever it throws besides our FormatError (a plain Error, a RangeError) becomes one. */
function guard<T>(file: string, step: () => T): T {
  try {
    return step();
  } catch (e) {
    if (e instanceof FormatError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    if (message === 'Maximum nested tags exceeded') throw new FormatError(file, '', `invalid XML: elements nested more than ${MAX_XML_DEPTH} levels deep`);
    throw new FormatError(file, '', clipReason(`invalid XML: ${message.replace(/^\[[^\]]*\]\s*/, '')}`));
  }
}

/**
 * The validator's error, short. With many elements left open it lists all
 * their names as one JSON array at "line 1" (1.4 MB for 100,000 of them):
 * say how many, name a few, and point at the end of the file instead.
 */
function validationError(file: string, content: string, { err }: ValidationError): FormatError {
  const open = /^Invalid '(\[.*\])' found\.$/s.exec(err.msg);
  if (open) {
    const names = JSON.parse(open[1]!) as string[];
    const shown = names.length > 4 ? [...names.slice(0, 3), '…', names[names.length - 1]!] : names;
    const list = shown.map((n) => (n === '…' ? n : `<${n}>`)).join(', ');
    return new FormatError(file, `line ${lineOfOffset(content, content.length)}`, clipReason(`invalid XML: the file ends with ${names.length.toLocaleString('en')} elements not closed: ${list}`));
  }
  return new FormatError(file, `line ${err.line}`, clipReason(`invalid XML: ${err.msg}`));
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
