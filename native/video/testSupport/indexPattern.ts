import sharp from 'sharp';

/**
 * Frames that carry their own index: 16 bits of the filter's frame number n
 * as white squares on a black band at the top, drawn with drawbox only (no
 * fonts needed). Put it before any setpts: `n` is the filter's input count.
 */
export function indexPatternFilter(width: number): string {
  const cell = width / 16;
  const inset = Math.round(cell / 10);
  const box = Math.round(cell * 0.8);
  const boxes = Array.from({ length: 16 }, (_, i) => `drawbox=x=${Math.round(i * cell) + inset}:y=${inset}:w=${box}:h=${box}:color=white:t=fill:enable='mod(floor(n/${2 ** i}),2)'`);
  return [`drawbox=x=0:y=0:w=${width}:h=${Math.round(cell)}:color=black:t=fill`, ...boxes].join(',');
}

/** Read the index back from a decoded image; `patternWidth` is the width the pattern was drawn at. */
export async function readFrameIndex(jpeg: Uint8Array, patternWidth: number): Promise<number> {
  const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
  const scale = info.width / patternWidth;
  const cell = patternWidth / 16;
  let n = 0;
  for (let i = 0; i < 16; i++) {
    const x = Math.round((i * cell + cell / 2) * scale);
    const y = Math.round((cell / 2) * scale);
    if (data[(y * info.width + x) * info.channels]! > 128) n |= 1 << i;
  }
  return n;
}

/** The same from a raw 8-bit grayscale frame (what `readGrayFrames` yields). */
export function readGrayFrameIndex(frame: { width: number; pixels: Uint8Array }, patternWidth: number): number {
  const scale = frame.width / patternWidth;
  const cell = patternWidth / 16;
  let n = 0;
  for (let i = 0; i < 16; i++) {
    const x = Math.round((i * cell + cell / 2) * scale);
    const y = Math.round((cell / 2) * scale);
    if (frame.pixels[y * frame.width + x]! > 128) n |= 1 << i;
  }
  return n;
}
