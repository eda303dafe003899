import type { Camera, Viewport } from './types';

/** Zoom limits: 1 % (whole huge images) to 64x (pixel-exact edge work). */
export const MIN_ZOOM = 0.01;
export const MAX_ZOOM = 64;
/** Screen pixels left around the image by fit-to-screen. */
export const FIT_MARGIN = 16;

export interface Point {
  x: number;
  y: number;
}

export function screenToImage(camera: Camera, x: number, y: number): Point {
  return { x: (x - camera.x) / camera.zoom, y: (y - camera.y) / camera.zoom };
}

export function imageToScreen(camera: Camera, x: number, y: number): Point {
  return { x: x * camera.zoom + camera.x, y: y * camera.zoom + camera.y };
}

export function clampZoom(zoom: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
}

/** Zooms by `factor` keeping the image point under (screenX, screenY) where it is. */
export function zoomAt(camera: Camera, screenX: number, screenY: number, factor: number): Camera {
  const zoom = clampZoom(camera.zoom * factor);
  const p = screenToImage(camera, screenX, screenY);
  return { zoom, x: screenX - p.x * zoom, y: screenY - p.y * zoom };
}

export function panBy(camera: Camera, dx: number, dy: number): Camera {
  return { ...camera, x: camera.x + dx, y: camera.y + dy };
}

/** The whole image centred in the viewport with a margin. */
export function fitCamera(viewport: Viewport, imageWidth: number, imageHeight: number): Camera {
  if (viewport.width <= 0 || viewport.height <= 0 || imageWidth <= 0 || imageHeight <= 0) return { x: 0, y: 0, zoom: 1 };
  const margin = Math.min(FIT_MARGIN, viewport.width / 8, viewport.height / 8);
  const zoom = clampZoom(Math.min((viewport.width - 2 * margin) / imageWidth, (viewport.height - 2 * margin) / imageHeight));
  return { zoom, x: (viewport.width - imageWidth * zoom) / 2, y: (viewport.height - imageHeight * zoom) / 2 };
}

/** Wheel delta (pixels) → zoom factor; ~12 % per mouse-wheel notch, smooth for trackpads. */
export function wheelZoomFactor(deltaY: number): number {
  return Math.exp(-deltaY * 0.0012);
}
