import { appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testSupport/fixtureImages';
import { createResultsLog, type ResultLine } from './resultsLog';

const line = (item: number, ok = true): ResultLine =>
  ok ? { item, result: { ok: true, itemId: `i${item}`, width: 10, height: 10, predictions: [] } } : { item, result: { ok: false, itemId: `i${item}`, error: 'broken' } };

describe('results log (results.jsonl)', () => {
  it('appends whole lines and pages through them by index', async () => {
    const file = path.join(await tempDir('results-log'), 'results.jsonl');
    const log = createResultsLog(file);
    expect(await log.readAll()).toEqual([]);
    const appender = await log.openAppender();
    const indexes = [];
    for (let i = 0; i < 7; i++) indexes.push(await appender.append(line(i, i !== 3)));
    await appender.close();
    expect(indexes).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(await log.read(2, 3)).toEqual([line(2), line(3, false), line(4)]);
    expect(await log.read(6, 10)).toEqual([line(6)]);
    expect(await log.read(7, 10)).toEqual([]);
    // A second reader of the same file (another host run) sees the same lines.
    expect(await createResultsLog(file).readAll()).toEqual(Array.from({ length: 7 }, (_, i) => line(i, i !== 3)));
  });

  it('ignores a torn last line and cuts it off before the next append', async () => {
    const file = path.join(await tempDir('results-log'), 'results.jsonl');
    const whole = `${JSON.stringify(line(0))}\n${JSON.stringify(line(1))}\n`;
    await writeFile(file, `${whole}${JSON.stringify(line(2)).slice(0, 25)}`);
    const log = createResultsLog(file);
    expect((await log.readAll()).map((l) => l.item)).toEqual([0, 1]);
    const appender = await log.openAppender();
    expect(await appender.append(line(2))).toBe(2);
    await appender.close();
    expect(await readFile(file, 'utf8')).toBe(`${whole}${JSON.stringify(line(2))}\n`);
  });

  it('names the file and line of a corrupt complete line', async () => {
    const file = path.join(await tempDir('results-log'), 'results.jsonl');
    await writeFile(file, `${JSON.stringify(line(0))}\n{"item":1}\n`);
    await expect(createResultsLog(file).readAll()).rejects.toThrow(`${file} line 2 is not a result`);
    await appendFile(file, 'garbage\n');
    await expect(createResultsLog(file).read(2, 1)).rejects.toThrow(`${file} line 3 is not valid JSON`);
  });
});
