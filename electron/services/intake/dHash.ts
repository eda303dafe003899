/**
 * Difference hash of a 9×8 greyscale thumbnail (row-major, one byte per
 * pixel): bit i is set when a pixel is brighter than its right neighbour.
 * 64 bits as 16 hex characters. Robust to re-encoding and resizing, which is
 * what "near duplicate" means for a labeling set.
 */
export function dHashOf(pixels: Uint8Array | Buffer): string {
  if (pixels.length !== 72) throw new Error(`dHash needs 9×8 = 72 grey pixels, got ${pixels.length}`);
  let hex = '';
  for (let row = 0; row < 8; row++) {
    let byte = 0;
    for (let x = 0; x < 8; x++) {
      const left = pixels[row * 9 + x]!;
      const right = pixels[row * 9 + x + 1]!;
      byte = (byte << 1) | (left > right ? 1 : 0);
    }
    hex += byte.toString(16).padStart(2, '0');
  }
  return hex;
}
