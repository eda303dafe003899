import { FormatError } from '../formatError';
import { lineOfOffset } from './text';
import { XmlEntityDecoder, type DeclaredEntity } from './xmlEntities';

/** Annotation files declare no entities at all; a handful of abbreviations is the most a real one would. */
export const MAX_ENTITIES = 100;
export const MAX_ENTITY_CHARS = 1000;

const ENTITY_DECLARATION = /<!ENTITY\s+(%\s*)?([^\s"'%>]+)\s*(?:(SYSTEM|PUBLIC)\b|("[^"]*"|'[^']*'))?/y;

/**
 * Reads the entities a DOCTYPE's internal subset declares, refusing what an
 * import must not do or cannot bound:
 * - external entities (`<!ENTITY x SYSTEM "file:///etc/passwd">`, PUBLIC):
 *   they name another file or a URL, the classic XXE;
 * - parameter entities (`<!ENTITY % p …>`): they rewrite the DTD itself;
 * - entities whose value refers to other entities: nesting is how a few
 *   hundred bytes expand to gigabytes ("billion laughs");
 * - more than MAX_ENTITIES entities, or a value over MAX_ENTITY_CHARS.
 * Each is a FormatError at the declaration's line. What remains is a flat
 * list of short values, and XmlEntityDecoder bounds how often they are used.
 */
export function readDoctypeEntities(file: string, content: string): Map<string, DeclaredEntity> {
  const entities = new Map<string, DeclaredEntity>();
  const refuse = (at: number, reason: string): never => {
    throw new FormatError(file, `line ${lineOfOffset(content, at)}`, reason);
  };
  const start = doctypeStart(content);
  if (start === -1) {
    // Not in the prolog; one further on (a parser might still honour it) is refused rather than read past.
    const late = content.indexOf('<!DOCTYPE', prologEnd(content));
    if (late !== -1) refuse(late, 'a DOCTYPE is only allowed before the root element');
    return entities;
  }
  let i = subsetStart(content, start + '<!DOCTYPE'.length);
  if (i === -1) return entities;
  const plainValues = new XmlEntityDecoder(file);
  while (i < content.length && content[i] !== ']') {
    if (content.startsWith('<!--', i)) {
      const end = content.indexOf('-->', i + 4);
      if (end === -1) refuse(i, 'unclosed comment in the DOCTYPE');
      i = end + 3;
    } else if (content.startsWith('<!ENTITY', i)) {
      ENTITY_DECLARATION.lastIndex = i;
      const m = ENTITY_DECLARATION.exec(content);
      if (!m) return refuse(i, 'invalid <!ENTITY> declaration');
      const [, percent, name, external, quoted] = m as unknown as [string, string | undefined, string, string | undefined, string | undefined];
      if (percent) refuse(i, `parameter entities are not allowed (<!ENTITY % ${name} …>)`);
      if (external) refuse(i, `external entities are not allowed (<!ENTITY ${name} ${external} …> would read another file or URL)`);
      if (quoted === undefined) return refuse(i, `invalid <!ENTITY ${name}> declaration: expected a quoted value`);
      const raw = quoted.slice(1, -1);
      if (raw.length > MAX_ENTITY_CHARS) refuse(i, `entity &${name}; is ${raw.length.toLocaleString('en')} characters long; at most ${MAX_ENTITY_CHARS.toLocaleString('en')} are allowed`);
      const nested = /[&%]([^\s&%;#]+);/.exec(raw.replace(/&(amp|lt|gt|quot|apos);/g, ''));
      if (nested) refuse(i, `entity &${name}; refers to ${nested[0]}: entities that refer to other entities are not allowed (they can expand without bound)`);
      if (!entities.has(name)) {
        if (entities.size >= MAX_ENTITIES) refuse(i, `more than ${MAX_ENTITIES} entities are declared`);
        entities.set(name, { value: plainValues.decode(raw), line: lineOfOffset(content, i) });
      }
      i = declarationEnd(content, m.index + m[0].length);
    } else if (content.startsWith('<!', i) || content.startsWith('<?', i)) {
      i = declarationEnd(content, i + 2);
    } else i++;
    if (i === -1) refuse(start, 'unclosed DOCTYPE');
  }
  return entities;
}

/** The offset just inside the DOCTYPE's `[`, or -1 when it has no internal subset. */
function subsetStart(content: string, i: number): number {
  const at = nextUnquoted(content, i, '[>');
  return at !== -1 && content[at] === '[' ? at + 1 : -1;
}

/** Just past the `>` that ends a declaration, or -1 when it never ends. */
function declarationEnd(content: string, i: number): number {
  const at = nextUnquoted(content, i, '>');
  return at === -1 ? -1 : at + 1;
}

/** The first of `chars` from i on outside quoted values (identifiers and default values may hold `[` and `>`), or -1. */
function nextUnquoted(content: string, i: number, chars: string): number {
  for (; i < content.length; i++) {
    const c = content[i]!;
    if (c === '"' || c === "'") {
      i = content.indexOf(c, i + 1);
      if (i === -1) return -1;
    } else if (chars.includes(c)) return i;
  }
  return -1;
}

/** Where the prolog ends: past the XML declaration, processing instructions, comments and white space. */
function prologEnd(content: string): number {
  let i = 0;
  for (;;) {
    while (i < content.length && ' \t\r\n\uFEFF'.includes(content[i]!)) i++;
    if (content.startsWith('<?', i)) {
      const end = content.indexOf('?>', i + 2);
      if (end === -1) return content.length;
      i = end + 2;
    } else if (content.startsWith('<!--', i)) {
      const end = content.indexOf('-->', i + 4);
      if (end === -1) return content.length;
      i = end + 3;
    } else return i;
  }
}

/** The DOCTYPE of the prolog, or -1: one written inside a comment before it is not one. */
function doctypeStart(content: string): number {
  const i = prologEnd(content);
  return content.startsWith('<!DOCTYPE', i) ? i : -1;
}
