import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * A pack is every frame as a JPEG: about 9–10× the size of a typical H.264
 * file (bench:video). This many times the video's size is what a new pack
 * is assumed to need before it exists.
 */
export const PACK_SIZE_FACTOR = 12;

/** The packs folder's default budget: packs are a cache, so the oldest go first when a new one would pass it. */
export const DEFAULT_PACK_BUDGET_BYTES = 20 * 1024 ** 3;

interface StoredPack {
  base: string;
  bytes: number;
  usedAt: number;
}

/**
 * Makes room for a pack of `videoBytes` in `dir` within `budgetBytes`:
 * removes the least recently used packs (not those in `keep`, the ones
 * this server has open) until the estimate fits. Returns why the pack
 * cannot be made (its estimate alone is over the budget, or what is open
 * leaves no room), or null when it fits. The video is then served by
 * decoding as before. With `evict: false` (intake's packs, made before
 * anyone asks) nothing is removed: only free room is used.
 */
export async function makeRoomForPack(dir: string, videoBytes: number, budgetBytes: number, keep: ReadonlySet<string>, { evict = true }: { evict?: boolean } = {}): Promise<string | null> {
  const needed = videoBytes * PACK_SIZE_FACTOR;
  const gib = (n: number) => `${(n / 1024 ** 3).toFixed(1)} GiB`;
  if (needed > budgetBytes) return `a frame pack of this video would take about ${gib(needed)}, over the packs' disk budget of ${gib(budgetBytes)} (GROUNDWORK_FRAME_PACK_BUDGET_GB)`;
  const packs = await storedPacks(dir);
  let used = packs.reduce((sum, p) => sum + p.bytes, 0);
  for (const pack of packs.sort((a, b) => a.usedAt - b.usedAt)) {
    if (used + needed <= budgetBytes) break;
    if (!evict) break;
    if (keep.has(path.basename(pack.base))) continue;
    await Promise.all([fs.rm(`${pack.base}.frames`, { force: true }), fs.rm(`${pack.base}.json`, { force: true })]);
    used -= pack.bytes;
  }
  if (used + needed <= budgetBytes) return null;
  return evict
    ? `the frame packs of the videos open now leave no room for another within the disk budget of ${gib(budgetBytes)}`
    : `the frame packs made so far fill the disk budget of ${gib(budgetBytes)}; this video gets its pack when it is opened`;
}

/** Marks a pack made for later (not used yet) as the least recently used, so the budget removes it before any pack someone opened. */
export async function agePack(dataFile: string): Promise<void> {
  const never = new Date(0);
  await fs.utimes(dataFile, never, never).catch(() => undefined);
}

/** A temporary file of a build this old is left from a crash (a build of a long video takes minutes, not a day). */
const STALE_TEMP_MS = 24 * 3600 * 1000;

/**
 * Removes what can never be used again and would only fill the budget:
 * packs whose index is of an older format than `format` (read from the
 * index's first bytes: `{"format":N,`; a newer one may belong to another
 * version of the app sharing the folder and is left alone), an index
 * whose data file is gone, and temporary files of builds that crashed.
 * A file that cannot be removed now (held open elsewhere) is skipped.
 */
export async function removeOtherFormats(dir: string, format: number): Promise<void> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const file = path.join(dir, name);
    try {
      if (name.endsWith('.tmp')) {
        if (Date.now() - (await fs.stat(file)).mtimeMs > STALE_TEMP_MS) await fs.rm(file, { force: true });
        continue;
      }
      if (!name.endsWith('.json')) continue;
      const base = file.slice(0, -'.json'.length);
      const found = /^\{"format":(\d+),/.exec((await readHead(file)) ?? '');
      const older = found !== null && Number(found[1]) < format;
      // A build renames its data into place before its index: an index without data is never one being written.
      const dataGone = !(await fs.stat(`${base}.frames`).then(() => true, () => false));
      if (older || dataGone) await Promise.all([fs.rm(`${base}.frames`, { force: true }), fs.rm(file, { force: true })]);
    } catch {
      // Held open or removed meanwhile: left for the budget or the next sweep.
    }
  }
}

async function readHead(file: string): Promise<string | null> {
  try {
    const handle = await fs.open(file, 'r');
    try {
      const bytes = Buffer.alloc(32);
      const { bytesRead } = await handle.read(bytes, 0, bytes.length, 0);
      return bytes.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    return null; // removed meanwhile
  }
}

/** Marks a pack as used now, so the budget removes it last. */
export async function touchPack(dataFile: string): Promise<void> {
  const now = new Date();
  await fs.utimes(dataFile, now, now).catch(() => undefined);
}

async function storedPacks(dir: string): Promise<StoredPack[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const packs: StoredPack[] = [];
  for (const name of names.filter((n) => n.endsWith('.frames'))) {
    const base = path.join(dir, name.slice(0, -'.frames'.length));
    try {
      const stat = await fs.stat(`${base}.frames`);
      packs.push({ base, bytes: stat.size, usedAt: stat.mtimeMs });
    } catch {
      // Removed meanwhile.
    }
  }
  return packs;
}
