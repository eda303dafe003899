/** Windows tools often start UTF-8 files with a byte-order mark, which JSON.parse and our line readers would trip on. */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Lines of a text file, for "line N" messages: index 0 is line 1; CRLF and a BOM are tolerated. */
export function textLines(text: string): string[] {
  return withoutBom(text).split(/\r?\n/);
}
