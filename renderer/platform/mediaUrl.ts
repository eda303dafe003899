/** "<rootId>/<relPath>" with every segment percent-encoded, as both hosts' media resolvers expect. */
function encodedMediaPath(rootId: string, relPath: string): string {
  return [rootId, ...relPath.split('/')].map(encodeURIComponent).join('/');
}

/** Electron serves media through its own protocol, never file://. */
export function electronMediaUrl(rootId: string, relPath: string): string {
  return `gw-media://${encodedMediaPath(rootId, relPath)}`;
}

/** The browser host serves media over HTTP; the token rides in the query because <img> cannot send headers. */
export function browserMediaUrl(rootId: string, relPath: string, token: string): string {
  return `/media/${encodedMediaPath(rootId, relPath)}?token=${encodeURIComponent(token)}`;
}
