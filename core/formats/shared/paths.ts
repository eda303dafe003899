/** Forward slashes, no leading "./" or "/", so names from any tool compare equal. */
export function normalizePath(p: string): string {
  return p.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/^\/+/, '');
}

export function basename(p: string): string {
  const n = normalizePath(p);
  return n.slice(n.lastIndexOf('/') + 1);
}

/** Directory part without trailing slash; '' for a bare file name. */
export function dirname(p: string): string {
  const n = normalizePath(p);
  const i = n.lastIndexOf('/');
  return i < 0 ? '' : n.slice(0, i);
}

export function stripExtension(p: string): string {
  const slash = p.lastIndexOf('/');
  const dot = p.lastIndexOf('.');
  return dot > slash + 1 ? p.slice(0, dot) : p;
}

export function extensionOf(p: string): string {
  return p.slice(stripExtension(p).length).toLowerCase();
}

export function joinPath(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

/** Drops everything up to and including the last `segment/` folder, e.g. ("a/labels/b.txt", "labels") → "b.txt". */
export function afterSegment(p: string, segment: string): string {
  const n = normalizePath(p);
  const marker = `${segment}/`;
  if (n.startsWith(marker)) return afterSegment(n.slice(marker.length), segment);
  const i = n.lastIndexOf(`/${marker}`);
  return i < 0 ? n : n.slice(i + marker.length + 1);
}

/** Locale-independent ordering, so exports are byte-identical on every machine. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
