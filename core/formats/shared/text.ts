/** Windows tools often start UTF-8 files with a byte-order mark, which JSON.parse and our line readers would trip on. */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Lines of a text file, for "line N" messages: index 0 is line 1; CRLF and a BOM are tolerated. */
export function textLines(text: string): string[] {
  return withoutBom(text).split(/\r?\n/);
}

/** The 1-based line of a character offset, for "line N" in errors. */
export function lineOfOffset(content: string, offset: number): number {
  let line = 1;
  for (let i = content.indexOf('\n'); i !== -1 && i < offset; i = content.indexOf('\n', i + 1)) line++;
  return line;
}

/** The longest error reason we show: parsers quote whole tag stacks or snippets, which a 50 MB file turns into megabytes. */
export const MAX_REASON_CHARS = 300;

/** A parser's message cut to MAX_REASON_CHARS, so a huge file's error stays one readable line. */
export function clipReason(text: string, max = MAX_REASON_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
