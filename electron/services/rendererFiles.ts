import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { isInside } from './media/resolveMediaPath';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export interface RendererFile {
  file: string;
  size: number;
  contentType: string;
  isIndex: boolean;
}

/**
 * A file of the built renderer for a URL path (percent-encoded, as it came
 * in), or null when there is none inside the renderer folder. "/" is
 * index.html. Both hosts serve the renderer through this (HTTP and app://).
 */
export async function resolveRendererFile(rendererRealDir: string, urlPath: string): Promise<RendererFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const segments = decoded.split('/').filter((s) => s !== '');
  if (decoded.includes('\0') || segments.some((s) => s === '..' || s.includes('\\'))) return null;
  const relPath = segments.length === 0 ? 'index.html' : segments.join('/');
  try {
    const file = await realpath(path.resolve(rendererRealDir, relPath));
    const info = await stat(file);
    if (!isInside(rendererRealDir, file) || !info.isFile()) return null;
    return { file, size: info.size, contentType: CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream', isIndex: relPath === 'index.html' };
  } catch {
    return null;
  }
}
