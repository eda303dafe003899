import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { saveDownload } from './exportDownload';

// The streaming writer on its own, with response bodies that go wrong in the ways a network does.
const dataset = zipSync({ 'manifest.json': strToU8('{"task":"t"}'), 'lineage.jsonl': strToU8('{}\n'), 'dataset/annotations.json': strToU8('{}') });

/** A body that delivers `chunks` and then, if `fail`, breaks as a dropped connection does. */
function body(chunks: Uint8Array[], fail?: Error): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++]!);
      else if (fail) controller.error(fail);
      else controller.close();
    },
  });
}

const folder = () => mkdtemp(path.join(os.tmpdir(), 'gw-save-'));

describe('saveDownload', () => {
  it('writes the whole zip under its name and reports its size, hash and entries', async () => {
    const dir = await folder();
    const half = dataset.length >> 1;
    const saved = await saveDownload(new Response(body([dataset.subarray(0, half), dataset.subarray(half)]), { headers: { 'content-length': String(dataset.length) } }), dir, 't-coco.zip');
    expect(saved).toMatchObject({ path: path.join(dir, 't-coco.zip'), bytes: dataset.length, entries: 3 });
    expect(await readFile(saved.path)).toEqual(Buffer.from(dataset));
    expect(await readdir(dir)).toEqual(['t-coco.zip']);
  });

  it('leaves nothing when the connection breaks half way', async () => {
    const dir = await folder();
    const broken = new Response(body([dataset.subarray(0, 40)], new TypeError('terminated')));
    await expect(saveDownload(broken, dir, 't-coco.zip')).rejects.toMatchObject({ message: expect.stringContaining('broke after 40 bytes'), details: { code: 'bad-download' } });
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a body shorter than announced, and one that is not a Groundwork zip, leaving nothing', async () => {
    const dir = await folder();
    const short = new Response(body([dataset.subarray(0, dataset.length - 5)]), { headers: { 'content-length': String(dataset.length) } });
    await expect(saveDownload(short, dir, 'a.zip')).rejects.toThrow(`announced ${dataset.length} bytes and sent ${dataset.length - 5}`);
    await expect(saveDownload(new Response(body([strToU8('<html>proxy error</html>')])), dir, 'b.zip')).rejects.toThrow('not a complete zip');
    const foreign = zipSync({ 'readme.txt': strToU8('hi') });
    await expect(saveDownload(new Response(body([foreign])), dir, 'c.zip')).rejects.toThrow('the zip has no manifest.json or lineage.jsonl');
    expect(await readdir(dir)).toEqual([]);
  });

  it('keeps an earlier complete file when a new download of the same name fails', async () => {
    const dir = await folder();
    await saveDownload(new Response(body([dataset])), dir, 't-coco.zip');
    await expect(saveDownload(new Response(body([dataset.subarray(0, 10)], new TypeError('terminated'))), dir, 't-coco.zip')).rejects.toThrow();
    expect(await readFile(path.join(dir, 't-coco.zip'))).toEqual(Buffer.from(dataset));
    expect(await readdir(dir)).toEqual(['t-coco.zip']);
  });
});
