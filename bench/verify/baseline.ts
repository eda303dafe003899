import { readFile } from 'node:fs/promises';
import { unzipSync } from 'fflate';
import { formats, type FormatId } from '../../core/formats';
import { keccak256 } from '../../core/sync/hex';
import type { LineageLine } from '../../core/verify/exportFiles';

/**
 * The floor under verify-dataset: read the zip, parse every lineage line and
 * the dataset (core/formats), and keccak every file's bytes. No signature,
 * proof, label hash or consensus is checked.
 */
export async function parseAndHashOnly(zipPath: string, format: FormatId): Promise<number> {
  const entries = unzipSync(await readFile(zipPath));
  const decoder = new TextDecoder();
  let lines = 0;
  const dataset: { path: string; content: string }[] = [];
  let images: LineageLine['image'][] = [];
  for (const [name, bytes] of Object.entries(entries)) {
    keccak256(bytes);
    const text = decoder.decode(bytes);
    if (name === 'lineage.jsonl') {
      const parsed = text.trim().split('\n').map((l) => JSON.parse(l) as LineageLine);
      lines = parsed.length;
      images = parsed.filter((l) => l.status !== 'disputed').map((l) => l.image);
    } else if (name.startsWith('dataset/')) dataset.push({ path: name.slice('dataset/'.length), content: text });
  }
  formats[format].importDataset(dataset, { images });
  return lines;
}
