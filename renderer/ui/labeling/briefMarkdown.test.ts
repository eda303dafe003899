import { describe, expect, it } from 'vitest';
import { parseBrief, spansOf } from './briefMarkdown';

describe('brief markdown', () => {
  it('splits paragraphs, line breaks, headings and lists, with bold spans', () => {
    expect(parseBrief('# Cars\n\nDraw a **tight** box.\nEvery car.\n\n- wheels\n- **no** mirrors\n1. first\n2. second')).toEqual([
      { kind: 'heading', spans: [{ text: 'Cars', bold: false }] },
      { kind: 'paragraph', lines: [[{ text: 'Draw a ', bold: false }, { text: 'tight', bold: true }, { text: ' box.', bold: false }], [{ text: 'Every car.', bold: false }]] },
      { kind: 'list', ordered: false, items: [[{ text: 'wheels', bold: false }], [{ text: 'no', bold: true }, { text: ' mirrors', bold: false }]] },
      { kind: 'list', ordered: true, items: [[{ text: 'first', bold: false }], [{ text: 'second', bold: false }]] },
    ]);
  });

  it('keeps HTML and an unclosed ** as plain text', () => {
    expect(parseBrief('<img src=x onerror=alert(1)> **open')).toEqual([{ kind: 'paragraph', lines: [[{ text: '<img src=x onerror=alert(1)> **open', bold: false }]] }]);
    expect(spansOf('')).toEqual([]);
  });
});
