import type { E2eHost } from './hostEnv';

/**
 * The request path of one media file as the renderer asks for it, with
 * `rawRelPath` inserted as given (already URL-encoded or deliberately not).
 */
export function mediaPath(host: E2eHost, rootId: string, rawRelPath: string): string {
  return `/media/${encodeURIComponent(rootId)}/${rawRelPath}?token=${encodeURIComponent(host.token)}`;
}
