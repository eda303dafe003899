import { MediaError } from './mediaErrors';
import { resolveMediaPath, type ResolvedMedia } from './resolveMediaPath';
import type { RootStore } from './rootStore';

/**
 * Resolves the part of a media URL after its prefix — "<rootId>/<relPath>",
 * each segment percent-encoded — for both hosts (the browser host's
 * /media/ route and Electron's gw-media:// protocol). Segments are decoded
 * one by one, so "%2e%2e" and "%2f" cannot smuggle a ".." or a separator past
 * the resolver, which sees the decoded path and refuses it.
 */
export async function resolveMediaUrlPath(roots: RootStore, encodedPath: string): Promise<ResolvedMedia> {
  const [encodedRootId, ...encodedSegments] = encodedPath.replace(/^\/+/, '').split('/');
  let rootId: string;
  let relPath: string;
  try {
    rootId = decodeURIComponent(encodedRootId ?? '');
    relPath = encodedSegments.map((s) => decodeURIComponent(s)).join('/');
  } catch {
    throw new MediaError('invalid', 'the media URL is not validly percent-encoded');
  }
  if (!rootId || !relPath) throw new MediaError('invalid', 'a media URL needs a folder id and a file path');
  return resolveMediaPath(await roots.pathOf(rootId), relPath);
}

