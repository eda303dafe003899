/**
 * One 8-connected region of the text bitmap, stored as its horizontal extent
 * on each row it covers (rows are contiguous for an 8-connected region).
 * A row's two extreme pixels are all the convex hull needs, so the hull
 * never visits the region's pixels again.
 */
export interface Component {
  top: number;
  /** Per row from `top`: leftmost pixel x. */
  minX: number[];
  /** Per row from `top`: rightmost pixel x (inclusive). */
  maxX: number[];
  pixels: number;
}

/**
 * Labels the 8-connected regions of a binary mask by iterative flood fill
 * (an explicit stack: a large region would overflow recursion). Regions come
 * out in raster order of their first pixel; at most `maxCount` are returned,
 * as PaddleOCR examines at most max_candidates contours.
 */
export function findComponents(mask: Uint8Array, width: number, height: number, maxCount: number): Component[] {
  if (mask.length !== width * height) throw new Error(`Mask has ${mask.length} pixels, expected ${width}×${height}`);
  const visited = new Uint8Array(mask.length);
  const stack = new Int32Array(mask.length);
  // Shared per-row scratch, reset over each region's rows after use.
  const rowMin = new Int32Array(height).fill(width);
  const rowMax = new Int32Array(height).fill(-1);
  const found: Component[] = [];
  for (let seed = 0; seed < mask.length && found.length < maxCount; seed++) {
    if (!mask[seed] || visited[seed]) continue;
    let top = height;
    let bottom = -1;
    let pixels = 0;
    let sp = 0;
    stack[sp++] = seed;
    visited[seed] = 1;
    while (sp > 0) {
      const p = stack[--sp]!;
      const y = (p / width) | 0;
      const x = p - y * width;
      pixels++;
      if (x < rowMin[y]!) rowMin[y] = x;
      if (x > rowMax[y]!) rowMax[y] = x;
      if (y < top) top = y;
      if (y > bottom) bottom = y;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const q = ny * width + nx;
          if (mask[q] && !visited[q]) {
            visited[q] = 1;
            stack[sp++] = q;
          }
        }
      }
    }
    const minX: number[] = [];
    const maxX: number[] = [];
    for (let y = top; y <= bottom; y++) {
      minX.push(rowMin[y]!);
      maxX.push(rowMax[y]!);
      rowMin[y] = width;
      rowMax[y] = -1;
    }
    found.push({ top, minX, maxX, pixels });
  }
  return found;
}

/**
 * The outline points of a component: the centres of each row's extreme
 * pixels. This is the contour cv2.findContours gives PaddleOCR (pixel
 * indices), moved by half a pixel into continuous coordinates. Measured on
 * rendered text, it fits the ink better than pixel edges would (IoU 0.57
 * against 0.49 for 20-px text; PaddleOCR's unclip ratio was tuned on it).
 */
export function componentOutline(c: Component): [number, number][] {
  const points: [number, number][] = [];
  for (let i = 0; i < c.minX.length; i++) {
    const y = c.top + i + 0.5;
    points.push([c.minX[i]! + 0.5, y], [c.maxX[i]! + 0.5, y]);
  }
  return points;
}
