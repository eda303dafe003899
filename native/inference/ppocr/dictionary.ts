import { readFile } from 'node:fs/promises';

export const ctcBlank = '<blank>';

/**
 * Reads a PP-OCR character dictionary (ppocr_keys_v1.txt: UTF-8, one
 * character per line) into the recognizer's class list. PaddleOCR's
 * CTCLabelDecode puts the CTC blank at index 0 and, with use_space_char,
 * appends a space last: ['<blank>', ...lines, ' '] (6625 classes for the
 * 6623-line Chinese dictionary).
 */
export async function loadDictionary(path: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new Error(`Cannot read OCR dictionary ${path}: ${(err as Error).message}`);
  }
  return parseDictionary(text, path);
}

export function parseDictionary(text: string, source: string): string[] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split(/\r?\n/);
  // One trailing newline is a normal end of file, not an empty entry.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0 || (lines.length === 1 && lines[0] === '')) {
    throw new Error(`OCR dictionary ${source} is empty: expected one character per line`);
  }
  const seen = new Map<string, number>();
  lines.forEach((line, i) => {
    const codePoints = [...line].length;
    if (codePoints !== 1) {
      const what = codePoints === 0 ? 'is empty' : `has ${codePoints} characters (${JSON.stringify(line.slice(0, 20))})`;
      throw new Error(`OCR dictionary ${source}, line ${i + 1} ${what}: expected exactly one character per line`);
    }
    if (line === '\ufffd') throw new Error(`OCR dictionary ${source}, line ${i + 1} is not valid UTF-8`);
    const first = seen.get(line);
    if (first !== undefined) throw new Error(`OCR dictionary ${source}, line ${i + 1} repeats ${JSON.stringify(line)} from line ${first}`);
    seen.set(line, i + 1);
  });
  return [ctcBlank, ...lines, ' '];
}
