/** One 8-bit grayscale frame, row-major (what `readGrayFrames` in native/video yields). */
export interface GrayImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** A box by its centre and size, in frame pixels: the tracker moves the centre and scales the size. */
export interface CentredBox {
  cx: number;
  cy: number;
  w: number;
  h: number;
}
