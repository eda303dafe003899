/**
 * Deeper than any data.yaml nests (three or four levels), far below where
 * the yaml package stops coping: around 20,000 levels of `[[[…` or
 * `- - - …` it does not just throw, V8 aborts the whole process
 * ("RegExpCompiler Allocation failed"), which no try/catch can turn into
 * an import error.
 */
export const MAX_YAML_DEPTH = 500;

const SPACE = 0x20;

/**
 * The offset of the first line whose nesting may exceed `maxDepth`, or -1.
 * A cheap upper bound, not a YAML parser: a line can be no deeper than its
 * indentation, plus the flow brackets open at that point (`[`, `{`, counted
 * across lines), plus the block indicators (`- `, `? `) it starts with one
 * after another outside brackets. Quoted scalars and comments are skipped,
 * so brackets inside class names do not count.
 */
export function yamlTooDeepOffset(text: string, maxDepth = MAX_YAML_DEPTH): number {
  let flow = 0;
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    let i = start;
    while (i < end && text.charCodeAt(i) === SPACE) i++;
    const indent = i - start;
    let indicators = 0;
    let deepest = flow;
    let tokenStart = true;
    for (; i < end; i++) {
      const c = text[i]!;
      if (tokenStart && (c === '"' || c === "'")) {
        i = quotedEnd(text, i, end);
      } else if (c === '#' && (i === start || text.charCodeAt(i - 1) === SPACE)) break;
      else if (c === '[' || c === '{') deepest = Math.max(deepest, ++flow);
      else if (c === ']' || c === '}') flow = Math.max(0, flow - 1);
      else if (flow === 0 && tokenStart && (c === '-' || c === '?') && (i + 1 === end || text.charCodeAt(i + 1) === SPACE)) indicators++;
      tokenStart = c === ' ' || c === '[' || c === '{' || c === ',' || c === ':' || c === '-' || c === '?';
    }
    if (indent + indicators + deepest > maxDepth) return start;
    start = end + 1;
  }
  return -1;
}

/** The offset of a quoted scalar's closing quote (or the line's end): '' escapes a single quote, \ a double one. */
function quotedEnd(text: string, open: number, end: number): number {
  const quote = text[open];
  for (let i = open + 1; i < end; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return end;
}
