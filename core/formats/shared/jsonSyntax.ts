/**
 * Where JSON text first breaks the grammar. V8's JSON.parse messages carry
 * a position for some errors and not for others (and differ between Node
 * and Chromium), so the line we report comes from this scan instead.
 *
 * It is a loop over an explicit stack of open brackets, not a recursive
 * descent: a file nested 100,000 deep (`[[[[…`) must give its line, not
 * overflow the call stack. Returns the offset of the first bad character,
 * or -1 if the text is valid.
 */
export function jsonSyntaxErrorOffset(text: string): number {
  const open: number[] = [];
  let state = VALUE;
  let i = 0;
  for (;;) {
    i = skipSpace(text, i);
    if (i >= text.length) return state === COMMA_OR_CLOSE && open.length === 0 ? -1 : text.length;
    const c = text.charCodeAt(i);
    switch (state) {
      case KEY_OR_CLOSE:
      case KEY:
        if (state === KEY_OR_CLOSE && c === CLOSE_BRACE) {
          open.pop();
          i++;
          state = COMMA_OR_CLOSE;
        } else if (c === QUOTE) {
          i = stringEnd(text, i);
          if (i < 0) return -i - 1;
          state = COLON_NEXT;
        } else return i;
        break;
      case COLON_NEXT:
        if (c !== COLON) return i;
        i++;
        state = VALUE;
        break;
      case COMMA_OR_CLOSE: {
        const top = open[open.length - 1];
        if (top === undefined) return i;
        if (c === COMMA) {
          i++;
          state = top === OPEN_BRACE ? KEY : VALUE;
        } else if (c === (top === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET)) {
          open.pop();
          i++;
        } else return i;
        break;
      }
      default: {
        if (state === VALUE_OR_CLOSE && c === CLOSE_BRACKET) {
          open.pop();
          i++;
          state = COMMA_OR_CLOSE;
          break;
        }
        if (c === OPEN_BRACE || c === OPEN_BRACKET) {
          open.push(c);
          i++;
          state = c === OPEN_BRACE ? KEY_OR_CLOSE : VALUE_OR_CLOSE;
          break;
        }
        const end = scalarEnd(text, i, c);
        if (end < 0) return -end - 1;
        i = end;
        state = COMMA_OR_CLOSE;
      }
    }
  }
}

/** What may come next in the scan. */
const VALUE = 0;
/** Just after `[`: a value or `]`. */
const VALUE_OR_CLOSE = 1;
/** Just after `{`: a key or `}`. */
const KEY_OR_CLOSE = 2;
const KEY = 3;
const COLON_NEXT = 4;
/** After a value: `,`, the closing bracket, or the end of the text. */
const COMMA_OR_CLOSE = 5;

const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

function skipSpace(text: string, i: number): number {
  for (let c = text.charCodeAt(i); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = text.charCodeAt(++i));
  return i;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;

/** Past a string, number or literal starting at i; a bad character at offset k is returned as -(k + 1). */
function scalarEnd(text: string, i: number, c: number): number {
  if (c === QUOTE) return stringEnd(text, i);
  for (const word of ['true', 'false', 'null']) {
    if (c !== word.charCodeAt(0)) continue;
    for (let k = 1; k < word.length; k++) if (text.charCodeAt(i + k) !== word.charCodeAt(k)) return -(i + k) - 1;
    return i + word.length;
  }
  NUMBER.lastIndex = i;
  return NUMBER.test(text) ? NUMBER.lastIndex : -i - 1;
}

/** Past the string whose opening quote is at i; a bad character (or the end of text) at offset k is -(k + 1). */
function stringEnd(text: string, i: number): number {
  for (i++; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return i + 1;
    if (c < 0x20) return -i - 1;
    if (c !== BACKSLASH) {
      i++;
      continue;
    }
    const escape = text[i + 1];
    if (escape === 'u') {
      HEX4.lastIndex = i + 2;
      if (!HEX4.test(text)) return -i - 1;
      i += 6;
    } else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) i += 2;
    else return -i - 1;
  }
  return -text.length - 1;
}

/**
 * The offset of the first bracket that opens level maxDepth + 1, or -1.
 * Valid JSON parses at any depth in V8, but what reads the value next
 * (JSON.stringify, structured clone to the renderer, recursive walks) runs
 * out of stack at a few thousand levels; no annotation format nests more
 * than a dozen.
 */
export function jsonTooDeepOffset(text: string, maxDepth: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // Skip the string: brackets inside it are text. A quote preceded by an odd run of backslashes is escaped.
      for (i = text.indexOf('"', i + 1); i !== -1 && escapedQuote(text, i); i = text.indexOf('"', i + 1));
      if (i === -1) return -1;
    } else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      if (++depth > maxDepth) return i;
    } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) depth--;
  }
  return -1;
}

function escapedQuote(text: string, quote: number): boolean {
  let backslashes = 0;
  while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
  return backslashes % 2 === 1;
}
