// What the bytes themselves say, independent of the decoder's error text
// (libvips reports errors through a shared buffer, so under concurrency a
// failure can arrive as just "Unknown error").

export type ImageFormat = 'jpeg' | 'png' | 'webp';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PNG_IEND = [0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];

const startsWith = (data: Uint8Array, bytes: number[], at = 0) => bytes.every((b, i) => data[at + i] === b);
const ascii = (data: Uint8Array, at: number, text: string) => startsWith(data, [...text].map((c) => c.charCodeAt(0)), at);

export function sniffImageFormat(data: Uint8Array): ImageFormat | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'jpeg';
  if (data.length >= 8 && startsWith(data, PNG_SIGNATURE)) return 'png';
  if (data.length >= 12 && ascii(data, 0, 'RIFF') && ascii(data, 8, 'WEBP')) return 'webp';
  return null;
}

/** True when a file of the given format visibly stops before its end marker / declared length. */
export function isVisiblyTruncated(data: Uint8Array, format: ImageFormat): boolean {
  if (format === 'png') return !startsWith(data, PNG_IEND, data.length - PNG_IEND.length);
  if (format === 'webp') {
    const declared = (data[4]! | (data[5]! << 8) | (data[6]! << 16) | (data[7]! << 24)) >>> 0;
    return data.length < declared + 8;
  }
  // JPEG: the EOI marker may be followed by padding or trailers; look for it near the end.
  const tail = data.subarray(Math.max(0, data.length - 4096));
  for (let i = tail.length - 2; i >= 0; i--) if (tail[i] === 0xff && tail[i + 1] === 0xd9) return false;
  return true;
}
