/** Random, URL-safe, collision-resistant ids; crypto.getRandomValues exists in Node 20 and browsers. */
export function newId(prefix = ''): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return prefix + s;
}
