import { describe, expect, it } from 'vitest';
import { ctcGreedyDecode } from './ctcDecode';

const dictionary = ['<blank>', 'a', 'b', ' '];

/** One step per character of `path` ('-' is the blank), with `p` on the chosen class. */
function steps(path: string, p = 0.9): Float32Array {
  const probs = new Float32Array(path.length * dictionary.length);
  [...path].forEach((ch, t) => {
    const k = ch === '-' ? 0 : dictionary.indexOf(ch);
    for (let c = 0; c < dictionary.length; c++) probs[t * dictionary.length + c] = c === k ? p : (1 - p) / (dictionary.length - 1);
  });
  return probs;
}

describe('ctcGreedyDecode', () => {
  it('collapses repeats and drops blanks: "aa-b" reads "ab"', () => {
    expect(ctcGreedyDecode(steps('aa-b'), 4, 4, dictionary).text).toBe('ab');
  });

  it('keeps a doubled letter separated by a blank: "a-a" reads "aa"', () => {
    expect(ctcGreedyDecode(steps('a-a'), 3, 4, dictionary).text).toBe('aa');
  });

  it('maps the last class to a space: "a b" reads "a b"', () => {
    expect(ctcGreedyDecode(steps('a b'), 3, 4, dictionary).text).toBe('a b');
  });

  it('averages the maxima of the kept steps only', () => {
    const probs = steps('aab-');
    probs[4 + 1] = 0.5; // second 'a' step: still the argmax, but collapsed into the first, so not counted
    probs[8 + 2] = 0.6; // 'b' step
    probs[8 + 0] = 0.1;
    expect(ctcGreedyDecode(probs, 4, 4, dictionary).confidence).toBeCloseTo((0.9 + 0.6) / 2);
  });

  it('drops spaces at either end, and their probabilities, but keeps inner ones', () => {
    const probs = steps(' a-  b  ');
    probs[0 + 3] = 0.5; // leading space, the argmax still
    probs[0 + 0] = 0.2;
    const read = ctcGreedyDecode(probs, 8, 4, dictionary);
    expect(read.text).toBe('a b');
    expect(read.confidence).toBeCloseTo(0.9);
    expect(ctcGreedyDecode(steps(' - '), 3, 4, dictionary)).toEqual({ text: '', confidence: 0 });
  });

  it('reads nothing with confidence 0 from blanks only', () => {
    expect(ctcGreedyDecode(steps('---'), 3, 4, dictionary)).toEqual({ text: '', confidence: 0 });
  });

  it('refuses a dictionary that does not match the model output', () => {
    expect(() => ctcGreedyDecode(steps('ab'), 2, 4, ['<blank>', 'a', ' '])).toThrow(/outputs 4 classes but the dictionary has 3/);
  });
});
