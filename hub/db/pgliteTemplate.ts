import { PGlite } from '@electric-sql/pglite';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

/**
 * A freshly initialised, empty PGlite cluster as a tarball, for in-memory
 * databases (tests start one per hub). initdb in WebAssembly costs ~2.7 s of
 * CPU on this box; loading this image costs ~1 s. Made once per PGlite
 * version and user, kept in the temp dir: written to a unique name and
 * renamed, so processes racing to make it never read half a file. An image
 * that does not load is made again. Nothing of a hub's schema is in it: the
 * hub migrates every database itself.
 */
let image: Promise<Blob> | null = null;

export function emptyClusterImage(): Promise<Blob> {
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

export function emptyClusterImagePath(): string {
  const pkg = path.join(path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), '..', 'package.json');
  const version = (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
  return path.join(os.tmpdir(), `groundwork-pglite-${version}-${os.userInfo().uid}.tar`);
}

async function loadOrMake(): Promise<Blob> {
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
      await writeFile(tmp, bytes);
      await rename(tmp, file);
    } finally {
      await rm(tmp, { force: true });
    }
    return new Blob([bytes]);
  }
}
