import { PGlite } from '@electric-sql/pglite';
import { randomUUID } from 'node:crypto';
import { constants, readFileSync } from 'node:fs';
import { lstat, mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

/**
 * A freshly initialised, empty PGlite cluster as a tarball, for new
 * databases (tests start one per hub; a hub or the app's local network on a
 * new data dir). initdb in WebAssembly costs ~2.7 s of CPU on this box;
 * loading this image costs ~1 s. Made once per PGlite version and user, and
 * written to a unique name then renamed, so processes racing to make it
 * never read half a file. Read from disk at each use, not kept in memory
 * (~40 MB). Nothing of a hub's schema is in it: the hub migrates every
 * database itself.
 *
 * It is kept in a folder of the temp dir that only this user may write
 * (`imageDir`): a cluster someone else could put in the way would become
 * every new hub database. When that folder is not private, or the image
 * cannot be saved (disk full, read-only temp dir), there is no image and
 * databases start with initdb as before.
 */
export async function emptyClusterImage(): Promise<Blob | null> {
  try {
    if (!(await imageDirIsPrivate())) return null;
    return (await readImage()) ?? (await makeImage());
  } catch {
    return null;
  }
}

/** Called when the image failed to load: the next open makes it again. */
export async function forgetEmptyClusterImage(): Promise<void> {
  await rm(emptyClusterImagePath(), { force: true });
}

const uid = () => process.getuid?.() ?? os.userInfo().uid;

/** The folder the image lives in: `<tmp>/groundwork-<uid>`, made with mode 700. */
export function imageDir(): string {
  return path.join(os.tmpdir(), `groundwork-${uid()}`);
}

export function emptyClusterImagePath(): string {
  const pkg = path.join(path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), '..', 'package.json');
  const version = (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
  return path.join(imageDir(), `pglite-${version}.tar`);
}

const windows = process.platform === 'win32';

/**
 * Whether `imageDir` is a real folder (not a link) this user owns that no
 * one else may write into, made if missing. Windows' temp dir is per user,
 * and it has no such modes to check.
 */
async function imageDirIsPrivate(): Promise<boolean> {
  const dir = imageDir();
  await mkdir(dir, { mode: 0o700 }).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'EEXIST') throw e;
  });
  if (windows) return true;
  const st = await lstat(dir);
  return st.isDirectory() && st.uid === uid() && (st.mode & 0o022) === 0;
}

/** The image file, opened without following a link and read only when it is this user's regular file; null when absent. */
async function readImage(): Promise<Blob | null> {
  let handle;
  try {
    handle = await open(emptyClusterImagePath(), constants.O_RDONLY | (windows ? 0 : constants.O_NOFOLLOW));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  try {
    const st = await handle.stat();
    if (!st.isFile() || (!windows && (st.uid !== uid() || (st.mode & 0o022) !== 0))) throw new Error('the empty-cluster image is not this user\'s own file');
    return new Blob([await handle.readFile()]);
  } finally {
    await handle.close();
  }
}

async function makeImage(): Promise<Blob> {
  const pg = await PGlite.create();
  const tar = await pg.dumpDataDir('none');
  await pg.close();
  const bytes = Buffer.from(await tar.arrayBuffer());
  const file = emptyClusterImagePath();
  const tmp = `${file}.${randomUUID()}.tmp`;
  // Not saved (disk full, read-only): this open still has it, the next makes it again.
  await writeFile(tmp, bytes, { mode: 0o600 })
    .then(() => rename(tmp, file))
    .catch(() => undefined)
    .finally(() => rm(tmp, { force: true }).catch(() => undefined));
  return new Blob([bytes]);
}
