import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDictionary } from './dictionary';
import { ocrModelFiles } from './testSupport/modelAssets';

async function dictFile(content: string | Buffer): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ppocr-dict-'));
  const file = path.join(dir, 'keys.txt');
  await writeFile(file, content);
  return file;
}

describe('loadDictionary', () => {
  it('maps the PP-OCR keys file to blank + 6623 characters + space', async () => {
    const classes = await loadDictionary(ocrModelFiles.dictionary);
    expect(classes).toHaveLength(6625);
    expect(classes[0]).toBe('<blank>');
    expect(classes[6624]).toBe(' ');
    expect(classes.slice(1, 6624).every((c) => [...c].length === 1 && c !== ' ')).toBe(true);
    expect(classes).toContain('G');
    expect(classes).toContain('7');
  });

  it('accepts a trailing newline, CRLF line ends and characters outside the BMP', async () => {
    expect(await loadDictionary(await dictFile('a\r\nb\r\n😀\n'))).toEqual(['<blank>', 'a', 'b', '😀', ' ']);
  });

  it('rejects an empty file', async () => {
    const file = await dictFile('');
    await expect(loadDictionary(file)).rejects.toThrow(`OCR dictionary ${file} is empty`);
  });

  it('rejects a line with more than one character, naming the line', async () => {
    await expect(loadDictionary(await dictFile('a\nb\nab\nc'))).rejects.toThrow(/line 3 has 2 characters \("ab"\): expected exactly one character per line/);
  });

  it('rejects an empty line in the middle', async () => {
    await expect(loadDictionary(await dictFile('a\n\nb'))).rejects.toThrow(/line 2 is empty/);
  });

  it('rejects a repeated character, which would make two classes read the same', async () => {
    await expect(loadDictionary(await dictFile('a\nb\na'))).rejects.toThrow(/line 3 repeats "a" from line 1/);
  });

  it('rejects bytes that are not UTF-8', async () => {
    await expect(loadDictionary(await dictFile(Buffer.from([0x61, 0x0a, 0xff, 0x0a, 0x62])))).rejects.toThrow(/line 2 is not valid UTF-8/);
  });

  it('says which file it cannot read', async () => {
    await expect(loadDictionary('/nonexistent/keys.txt')).rejects.toThrow(/Cannot read OCR dictionary \/nonexistent\/keys.txt: ENOENT/);
  });
});
