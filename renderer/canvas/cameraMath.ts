import type { Box } from '../../core/model/shape';
import type { Camera, Viewport } from '../editor/types';

/** The part of the image (in image pixels) the viewport shows; screen = image * zoom + (x, y). */
export function visibleImageRect(camera: Camera, viewport: Viewport): Box {
  return {
    x: -camera.x / camera.zoom,
    y: -camera.y / camera.zoom,
    w: viewport.width / camera.zoom,
    h: viewport.height / camera.zoom,
  };
}

/** A box in image pixels mapped to screen pixels. */
export function boxToScreen(box: Box, camera: Camera): Box {
  return { x: box.x * camera.zoom + camera.x, y: box.y * camera.zoom + camera.y, w: box.w * camera.zoom, h: box.h * camera.zoom };
}
