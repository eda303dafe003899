import { encodeMediaUrlPath } from '../../electron/common/services/mediaUrlPath';

/** Electron serves media through its own protocol, never file://. */
export function electronMediaUrl(rootId: string, relPath: string): string {
  return `gw-media://${encodeMediaUrlPath(rootId, relPath)}`;
}

/** The browser host serves media over HTTP; the token rides in the query because <img> cannot send headers. */
export function browserMediaUrl(rootId: string, relPath: string, token: string): string {
  return `/media/${encodeMediaUrlPath(rootId, relPath)}?token=${encodeURIComponent(token)}`;
}
