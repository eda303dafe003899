import { describe, expect, it } from 'vitest';
import { toolStateWords } from './toolStateWords';

describe('toolStateWords', () => {
  it('says what the annotator is doing, never the state name', () => {
    expect(toolStateWords('select.idle', 0)).toBe('Select');
    expect(toolStateWords('box.drawing', 0)).toBe('Drawing a box');
    expect(toolStateWords('select.translating', 1)).toBe('Moving a box');
    expect(toolStateWords('select.translating', 2)).toBe('Moving 2 boxes');
    expect(toolStateWords('select.resizing', 1)).toBe('Resizing a box');
  });

  it('falls back to the tool name for a state it does not know', () => {
    expect(toolStateWords('box.somethingNew', 0)).toBe('Draw boxes');
    expect(toolStateWords('weird', 0)).toBe('Select');
  });
});
