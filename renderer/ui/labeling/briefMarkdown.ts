/**
 * The little markdown a task's instructions are shown with: paragraphs, line
 * breaks, headings, `-`/`*`/`1.` lists and `**bold**`. It only splits text
 * into blocks and spans; React renders them as text nodes, so nothing in the
 * instructions is ever parsed as HTML (a `<script>` stays visible text).
 */

export type Span = { text: string; bold: boolean };
export type Block = { kind: 'heading'; spans: Span[] } | { kind: 'paragraph'; lines: Span[][] } | { kind: 'list'; ordered: boolean; items: Span[][] };

const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,9}[.)]\s+(.*)$/;
const HEADING = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/;

/** `**bold**` spans of one line; an unclosed `**` stays as typed. */
export function spansOf(line: string): Span[] {
  const parts = line.split('**');
  if (parts.length % 2 === 0) return [{ text: line, bold: false }];
  return parts.map((text, i) => ({ text, bold: i % 2 === 1 })).filter((s) => s.text.length > 0);
}

type ListBlock = Extract<Block, { kind: 'list' }>;

export function parseBrief(markdown: string): Block[] {
  const blocks: Block[] = [];
  // The block the next line may continue; a blank line or another kind of line ends it.
  let paragraph = null as Span[][] | null;
  let list = null as ListBlock | null;
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const heading = HEADING.exec(line);
    const item = BULLET.exec(line) ?? NUMBERED.exec(line);
    if (line.trim() === '') {
      paragraph = list = null;
    } else if (heading) {
      paragraph = list = null;
      blocks.push({ kind: 'heading', spans: spansOf(heading[1]!) });
    } else if (item) {
      const ordered = !BULLET.test(line);
      paragraph = null;
      if (!list || list.ordered !== ordered) blocks.push((list = { kind: 'list', ordered, items: [] }));
      list.items.push(spansOf(item[1]!));
    } else if (list && /^\s{2,}/.test(line)) {
      // An indented line continues the list item above it.
      list.items[list.items.length - 1]!.push({ text: ' ', bold: false }, ...spansOf(line.trim()));
    } else {
      list = null;
      if (!paragraph) blocks.push({ kind: 'paragraph', lines: (paragraph = []) });
      paragraph.push(spansOf(line));
    }
  }
  return blocks;
}
