/**
 * Finds where JSON text first breaks the grammar. V8's JSON.parse messages
 * carry a position for some errors and not for others (and differ between
 * Node and Chromium), so the line we report comes from this scan instead.
 * Returns the offset of the first bad character, or -1 if the text is valid.
 */
export function jsonSyntaxErrorOffset(text: string): number {
  let i = 0;
  const fail = (at: number): never => {
    throw new SyntaxAt(at);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const literal = (word: string) => {
    for (const ch of word) if (text[i++] !== ch) fail(i - 1);
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === '"') return void i++;
      if (ch < ' ') fail(i);
      if (ch === '\\') {
        const esc = text[i + 1];
        if (esc === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail(i);
          i += 6;
        } else if (esc !== undefined && '"\\/bfnrt'.includes(esc)) i += 2;
        else fail(i);
      } else i++;
    }
    fail(i);
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m || m[0] === '' || m[0] === '-') fail(i);
    i += m![0].length;
  };
  const list = (close: string, item: () => void) => {
    i++;
    ws();
    if (text[i] === close) return void i++;
    for (;;) {
      item();
      ws();
      if (text[i] === ',') {
        i++;
        ws();
      } else if (text[i] === close) return void i++;
      else fail(i);
    }
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{') {
      list('}', () => {
        if (text[i] !== '"') fail(i);
        string();
        ws();
        if (text[i] !== ':') fail(i);
        i++;
        value();
      });
    } else if (ch === '[') list(']', value);
    else if (ch === '"') string();
    else if (ch === 't') literal('true');
    else if (ch === 'f') literal('false');
    else if (ch === 'n') literal('null');
    else number();
  };
  try {
    value();
    ws();
    if (i < text.length) fail(i);
    return -1;
  } catch (e) {
    if (e instanceof SyntaxAt) return Math.min(e.offset, text.length);
    throw e;
  }
}

class SyntaxAt {
  constructor(readonly offset: number) {}
}
