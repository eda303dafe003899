/**
 * Parses the Python literals Ultralytics writes into ONNX metadata with
 * str(value): dicts, lists and tuples of ints and strings, e.g.
 * `{0: 'person', 1: "man's hat"}` or `[640, 640]`. A small tokenizer, never
 * eval: anything else (names, calls, operators) is a clear error.
 */
export type PyLiteral = number | string | boolean | null | PyLiteral[] | PyDict;
export interface PyDict {
  kind: 'dict';
  entries: [PyLiteral, PyLiteral][];
}

export function parsePythonLiteral(text: string): PyLiteral {
  const parser = new Parser(text);
  const value = parser.value();
  parser.skipSpace();
  if (!parser.atEnd()) throw parser.error('unexpected text after the value');
  return value;
}

const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v' };

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  error(why: string): Error {
    return new Error(`not a Python literal: ${why} at character ${this.pos} of ${JSON.stringify(this.text.length > 80 ? `${this.text.slice(0, 80)}…` : this.text)}`);
  }

  skipSpace(): void {
    while (!this.atEnd() && /\s/.test(this.text[this.pos]!)) this.pos++;
  }

  value(): PyLiteral {
    this.skipSpace();
    const ch = this.text[this.pos];
    if (ch === '{') return this.dict();
    if (ch === '[') return this.sequence('[', ']');
    if (ch === '(') return this.sequence('(', ')');
    if (ch === "'" || ch === '"') return this.string(ch);
    if (ch !== undefined && /[-+0-9]/.test(ch)) return this.number();
    for (const [word, value] of [['True', true], ['False', false], ['None', null]] as const) {
      if (this.text.startsWith(word, this.pos) && !/\w/.test(this.text[this.pos + word.length] ?? '')) {
        this.pos += word.length;
        return value;
      }
    }
    throw this.error(ch === undefined ? 'the text ends where a value should be' : `unexpected ${JSON.stringify(ch)}`);
  }

  private expect(ch: string): void {
    this.skipSpace();
    if (this.text[this.pos] !== ch) throw this.error(`expected ${JSON.stringify(ch)}`);
    this.pos++;
  }

  /** True (and consumed) when the next non-space character is `ch`. */
  private take(ch: string): boolean {
    this.skipSpace();
    if (this.text[this.pos] !== ch) return false;
    this.pos++;
    return true;
  }

  private dict(): PyDict {
    this.expect('{');
    const entries: [PyLiteral, PyLiteral][] = [];
    while (!this.take('}')) {
      const key = this.value();
      this.expect(':');
      entries.push([key, this.value()]);
      if (!this.take(',')) {
        this.expect('}');
        break;
      }
    }
    return { kind: 'dict', entries };
  }

  private sequence(open: string, close: string): PyLiteral[] {
    this.expect(open);
    const items: PyLiteral[] = [];
    while (!this.take(close)) {
      items.push(this.value());
      if (!this.take(',')) {
        this.expect(close);
        break;
      }
    }
    return items;
  }

  private number(): number {
    const match = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?/.exec(this.text.slice(this.pos));
    if (!match) throw this.error('malformed number');
    this.pos += match[0].length;
    return Number(match[0]);
  }

  private string(quote: string): string {
    this.pos++;
    let out = '';
    for (;;) {
      const ch = this.text[this.pos++];
      if (ch === undefined || ch === '\n') throw this.error('unterminated string');
      if (ch === quote) return out;
      if (ch !== '\\') {
        out += ch;
        continue;
      }
      const e = this.text[this.pos++];
      if (e === undefined) throw this.error('unterminated string');
      const hexLength = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
      if (hexLength) {
        const hex = this.text.slice(this.pos, this.pos + hexLength);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== hexLength) throw this.error(`bad \\${e} escape`);
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) throw this.error(`bad \\${e} escape`);
        out += String.fromCodePoint(code);
        this.pos += hexLength;
      } else if (e in escapes) out += escapes[e];
      else out += `\\${e}`; // Python keeps unknown escapes as written
    }
  }
}
