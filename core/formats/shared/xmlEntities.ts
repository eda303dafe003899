import { FormatError } from '../formatError';

/** An entity the file's own DOCTYPE declares, with the line of its declaration for errors. */
export interface DeclaredEntity {
  value: string;
  line: number;
}

/**
 * How many characters the document's own entities may add in all. A file
 * that defines `&e;` as 1,000 characters and uses it 10 million times is
 * an expansion attack, not a dataset.
 */
export const MAX_ENTITY_EXPANSION = 1_000_000;

const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** `&#1050;`, `&#x41A;` or `&name;`. */
const REFERENCE = /&(#x[0-9a-fA-F]+|#[0-9]+|[^\s&;#<>"']+);/g;

/** A character reference's text, or undefined for a code point XML does not allow (kept as written then). */
function characterFor(ref: string): string | undefined {
  const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
  if (!(code > 0 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) return undefined;
  return String.fromCodePoint(code);
}

/**
 * Replaces entity and character references in text and attribute values,
 * as fast-xml-parser's `entityDecoder` option. Its own decoder leaves
 * numeric references (`&#1050;`) alone unless HTML entities are switched
 * on, but Python's ElementTree writes every non-ASCII character that way
 * when it saves with encoding="us-ascii", so a class named "Кот" would
 * come in as "&#1050;&#1086;&#1090;".
 *
 * Entities come from `declared` (read and bounded by readDoctypeEntities)
 * rather than from the parser's DOCTYPE reader, which drops some and
 * refuses others with plain Errors. Unknown references stay as written.
 */
export class XmlEntityDecoder {
  private expanded = 0;

  constructor(
    private readonly file: string,
    private readonly declared: ReadonlyMap<string, DeclaredEntity> = new Map(),
  ) {}

  decode(text: string): string {
    if (text.indexOf('&') === -1) return text;
    return text.replace(REFERENCE, (whole: string, ref: string) => this.resolve(ref) ?? whole);
  }

  private resolve(ref: string): string | undefined {
    if (ref[0] === '#') return characterFor(ref);
    const predefined = PREDEFINED[ref];
    if (predefined !== undefined) return predefined;
    const entity = this.declared.get(ref);
    if (!entity) return undefined;
    this.expanded += entity.value.length;
    if (this.expanded > MAX_ENTITY_EXPANSION) {
      throw new FormatError(
        this.file,
        `line ${entity.line}`,
        `the file's entities (&${ref}; declared here) expand to more than ${MAX_ENTITY_EXPANSION.toLocaleString('en')} characters in all: refused as an entity-expansion attack`,
      );
    }
    return entity.value;
  }

  /** The rest of the parser's decoder interface: entities come from `declared`, and the XML version does not change what is decoded here. */
  reset(): void {
    this.expanded = 0;
  }

  addInputEntities(): void {}

  setExternalEntities(): void {}

  setXmlVersion(): void {}
}
