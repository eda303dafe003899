/**
 * A zoom counts as resting this long after its last change. While it is
 * still changing, a crowded view shows its kept bitmap scaled (shapeRaster.ts);
 * once it rests, the boxes are redrawn exactly. Short enough that a wheel
 * pause reads as the end of a zoom, long enough to span the gaps between
 * wheel events.
 */
export const ZOOM_REST_MS = 150;
