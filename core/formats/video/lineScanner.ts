import { withoutBom } from '../shared/text';

/**
 * Calls `visit` with each line of `text` (without its CR/LF) and its 1-based
 * number, walking the string by index: a 50 MB gt.txt is never split into a
 * million-element array, so memory stays at what the caller keeps.
 */
export function forEachLine(text: string, visit: (line: string, lineNumber: number) => void): void {
  const content = withoutBom(text);
  let start = 0;
  let lineNumber = 1;
  while (start <= content.length) {
    let end = content.indexOf('\n', start);
    if (end < 0) end = content.length;
    const stop = end > start && content.charCodeAt(end - 1) === 13 ? end - 1 : end;
    visit(content.slice(start, stop), lineNumber);
    start = end + 1;
    lineNumber++;
  }
}
