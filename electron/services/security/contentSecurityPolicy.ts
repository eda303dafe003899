export interface CspSources {
  /** Extra image sources, e.g. the Electron host's gw-media: scheme. */
  img?: string[];
  /** Extra connect sources, e.g. the browser host's WebSocket. */
  connect?: string[];
}

/**
 * The one Content-Security-Policy both hosts send: scripts only from our own
 * origin (no inline, no eval), images from us and from blob:/data: (images
 * read as bytes), inline styles allowed because React and Konva set them.
 */
export function contentSecurityPolicy(sources: CspSources = {}): string {
  return [
    "default-src 'self'",
    ['img-src', "'self'", 'blob:', 'data:', ...(sources.img ?? [])].join(' '),
    ['connect-src', "'self'", ...(sources.connect ?? [])].join(' '),
    "style-src 'self' 'unsafe-inline'",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
