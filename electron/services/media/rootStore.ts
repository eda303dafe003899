import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { MediaRootSchema, type MediaRoot } from '../../common/services/mediaService';
import { writeFileAtomic } from '../atomicWrite';
import { logStateFileProblem, readStateFile, type StateFileProblem } from '../readStateFile';
import { MediaError } from './mediaErrors';
import { resolveFolder } from './resolveFolder';

const RootsFileSchema = z.object({ roots: z.array(MediaRootSchema) });

/** A stable id for a folder: the same real path always gets the same id, on every run. */
export function rootIdOf(realPath: string): string {
  return createHash('sha256').update(realPath).digest('hex').slice(0, 16);
}

export interface RootStore {
  /** Grants a folder (made real and absolute); granting the same folder again returns the same root. */
  grant(folder: string): Promise<MediaRoot>;
  list(): Promise<MediaRoot[]>;
  /** The root's real path, or a not-found MediaError naming the id. */
  pathOf(rootId: string): Promise<string>;
}

/** Granted media roots, persisted in `<dataDir>/roots.json` so projects keep working across restarts. */
export function createRootStore(dataDir: string, onProblem: (problem: StateFileProblem) => void = logStateFileProblem('the list of granted folders')): RootStore {
  const file = path.join(dataDir, 'roots.json');
  let cache: MediaRoot[] | null = null;
  // Grants are serialised so two concurrent openFolder calls cannot lose each other's write.
  let queue: Promise<unknown> = Promise.resolve();

  async function load(): Promise<MediaRoot[]> {
    if (cache) return cache;
    // A corrupt roots.json is moved aside and the user grants folders again, instead of every call failing.
    const state = await readStateFile(file, RootsFileSchema, () => ({ roots: [] }), onProblem);
    return (cache ??= state.roots);
  }

  async function grant(folder: string): Promise<MediaRoot> {
    const real = await resolveFolder(folder);
    const roots = await load();
    const existing = roots.find((r) => r.path === real);
    if (existing) return existing;
    const root = { rootId: rootIdOf(real), path: real };
    const next = [...roots, root];
    await mkdir(dataDir, { recursive: true });
    await writeFileAtomic(file, JSON.stringify({ roots: next }, null, 2));
    cache = next;
    return root;
  }

  return {
    grant(folder) {
      const result = queue.then(() => grant(folder));
      queue = result.catch(() => undefined);
      return result;
    },
    async list() {
      return [...(await load())];
    },
    async pathOf(rootId) {
      const root = (await load()).find((r) => r.rootId === rootId);
      if (!root) throw new MediaError('not-found', `no media folder with id "${rootId}" has been opened`);
      return root.path;
    },
  };
}
