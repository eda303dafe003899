import sharp from 'sharp';
import type { DecodedFrame } from './decodeWindow';

/** Mean absolute difference (0–255 per channel) above which two JPEGs of one frame are not the same picture. */
const MAX_MEAN_DIFFERENCE = 2;

/**
 * Frames to compare against a fresh decode: the first, middle and last the
 * pack holds (a shifted or cut pack is wrong at its end) plus one picked by
 * the video's key, so every video is checked somewhere else too.
 */
export function sampleFrames(present: number[], key: string): number[] {
  if (present.length === 0) return [];
  const picked = present[parseInt(key.slice(0, 8), 16) % present.length]!;
  return [...new Set([present[0]!, present[present.length >> 1]!, present[present.length - 1]!, picked])];
}

/**
 * Why the pack's frame differs from the decoder's (null when it is the same
 * picture). Both come from the same decoder and JPEG settings, so they are
 * normally byte-identical; pixels are compared only when the bytes differ.
 */
export async function sampleMismatch(n: number, packed: DecodedFrame | null, decoded: DecodedFrame | null): Promise<string | null> {
  if (!decoded) return null; // the original does not decode here: nothing to compare, the pack may still be right
  if (!packed) return `frame ${n} could not be read from the pack`;
  if (packed.bytes.equals(decoded.bytes)) return null;
  if (packed.width !== decoded.width || packed.height !== decoded.height) {
    return `frame ${n} is ${packed.width}×${packed.height} in the pack, ${decoded.width}×${decoded.height} decoded`;
  }
  const [a, b] = await Promise.all([packed, decoded].map((f) => sharp(f.bytes).removeAlpha().raw().toBuffer()));
  let sum = 0;
  for (let i = 0; i < a!.length; i++) sum += Math.abs(a![i]! - b![i]!);
  const mean = sum / a!.length;
  return mean <= MAX_MEAN_DIFFERENCE ? null : `frame ${n} in the pack differs from the decoded frame (mean difference ${mean.toFixed(1)} of 255)`;
}
