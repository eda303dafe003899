import { PGlite } from '@electric-sql/pglite';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { lstat, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

/**
 * A freshly initialised, empty PGlite cluster as a tarball, for new
 * databases (tests start one per hub; a hub or the app's local network on a
 * new data dir). initdb in WebAssembly costs ~2.7 s of CPU on this box;
 * loading this image costs ~1 s. Made once per PGlite version and user, and
 * written to a unique name then renamed, so processes racing to make it
 * never read half a file. An image that does not load is made again.
 * Nothing of a hub's schema is in it: the hub migrates every database itself.
 *
 * It is kept in a folder of the temp dir that only this user may write
 * (`imageDir`): a cluster someone else could put in the way would become
 * every new hub database. When that folder is not private, there is no image
 * and databases start with initdb as before.
 */
let image: Promise<Blob | null> | null = null;

/** The image, or null when it cannot be kept privately (then initdb). */
export function emptyClusterImage(): Promise<Blob | null> {
  image ??= loadOrMake().catch((e: unknown) => {
    image = null;
    throw e;
  });
  return image;
}

/** Called when the image failed to load: the next open makes it again. */
export async function forgetEmptyClusterImage(): Promise<void> {
  image = null;
  await rm(emptyClusterImagePath(), { force: true });
}

const uid = () => os.userInfo().uid;

/** The folder the image lives in: `<tmp>/groundwork-<uid>`, made with mode 700. */
export function imageDir(): string {
  return path.join(os.tmpdir(), `groundwork-${uid()}`);
}

export function emptyClusterImagePath(): string {
  const pkg = path.join(path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), '..', 'package.json');
  const version = (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
  return path.join(imageDir(), `pglite-${version}.tar`);
}

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
  if (process.platform === 'win32') return true;
  const st = await lstat(dir);
  return st.isDirectory() && st.uid === uid() && (st.mode & 0o022) === 0;
}

async function loadOrMake(): Promise<Blob | null> {
  if (!(await imageDirIsPrivate().catch(() => false))) return null;
  const file = emptyClusterImagePath();
  try {
    return new Blob([await readFile(file)]);
  } catch {
    const pg = await PGlite.create();
    const tar = await pg.dumpDataDir('none');
    await pg.close();
    const bytes = Buffer.from(await tar.arrayBuffer());
    const tmp = `${file}.${randomUUID()}.tmp`;
    try {
      await writeFile(tmp, bytes, { mode: 0o600 });
      await rename(tmp, file);
    } finally {
      await rm(tmp, { force: true });
    }
    return new Blob([bytes]);
  }
}
