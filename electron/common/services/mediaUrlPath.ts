/**
 * The "<rootId>/<relPath>" part of a media URL, each segment percent-encoded:
 * `/media/<this>?token=…` in the browser host, `gw-media://<this>` in
 * Electron. The hosts decode segment by segment, so a "/" or ".." inside a
 * name can never become a path step.
 */
export function encodeMediaUrlPath(rootId: string, relPath: string): string {
  return [rootId, ...relPath.split('/')].map(encodeURIComponent).join('/');
}
