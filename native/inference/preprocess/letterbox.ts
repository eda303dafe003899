import { decodeError, type OpenedImage } from './readImage';

/** How an image was fitted into the model input: original = (input - pad) / scale. */
export interface LetterboxTransform {
  scale: number;
  padX: number;
  padY: number;
  /** Original image size, for clamping mapped-back boxes. */
  imageWidth: number;
  imageHeight: number;
}

export interface LetterboxedImage {
  /** Raw 8-bit RGB, HWC, exactly width × height × 3 bytes. */
  data: Buffer;
  width: number;
  height: number;
  transform: LetterboxTransform;
}

/** Ultralytics' padding grey. */
const PAD = { r: 114, g: 114, b: 114 };

/**
 * Resizes keeping the aspect ratio and pads evenly to the model size (the
 * Ultralytics letterbox). libvips does the resize and padding; we only
 * compute the geometry so boxes can be mapped back exactly.
 */
export async function letterbox(image: OpenedImage, width: number, height: number): Promise<LetterboxedImage> {
  const scale = Math.min(width / image.width, height / image.height);
  const resizedW = Math.max(1, Math.round(image.width * scale));
  const resizedH = Math.max(1, Math.round(image.height * scale));
  const padX = Math.floor((width - resizedW) / 2);
  const padY = Math.floor((height - resizedH) / 2);
  try {
    const { data, info } = await image.pipeline
      .clone()
      .resize(resizedW, resizedH, { fit: 'fill' })
      .extend({ left: padX, right: width - resizedW - padX, top: padY, bottom: height - resizedH - padY, background: PAD })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.width !== width || info.height !== height || info.channels !== 3) {
      throw new Error(`letterbox produced ${info.width}×${info.height}×${info.channels}, expected ${width}×${height}×3`);
    }
    return { data, width, height, transform: { scale, padX, padY, imageWidth: image.width, imageHeight: image.height } };
  } catch (error) {
    throw decodeError(image.filePath, error);
  }
}
