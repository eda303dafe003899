/**
 * A decoded gray frame reduced to what shot detection compares: three box-
 * filtered sizes (half, quarter, eighth of the decoded width), each normalised to
 * zero mean and unit variance so brightness and contrast changes (exposure,
 * flashes, fades) do not read as new content. The mean and spread of the
 * decoded frame are kept for fade (black frame) detection.
 */
export interface Plane {
  width: number;
  height: number;
  /** Zero mean, unit variance (all zero for a flat frame). */
  values: Float32Array;
}

/** Frames whose gray levels spread less than this are flat (black, white, plain sky): no pattern to correlate. */
export const FLAT_SPREAD = 4;

export interface AnalysisFrame {
  /** Mean gray level, 0…255. */
  mean: number;
  /** Standard deviation of the gray levels. */
  spread: number;
  flat: boolean;
  /** Half, quarter and eighth of the decoded size (planes[0] is the finest). */
  planes: [Plane, Plane, Plane];
}

export function analysisFrame(pixels: Uint8Array, width: number, height: number): AnalysisFrame {
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < pixels.length; i++) {
    const v = pixels[i]!;
    sum += v;
    squares += v * v;
  }
  const mean = sum / pixels.length;
  const spread = Math.sqrt(Math.max(0, squares / pixels.length - mean * mean));
  const half = halve(pixels, width, height);
  const quarter = halve(half.values, half.width, half.height);
  const eighth = halve(quarter.values, quarter.width, quarter.height);
  return { mean, spread, flat: spread < FLAT_SPREAD, planes: [normalised(half), normalised(quarter), normalised(eighth)] };
}

/**
 * 2×2 box sums (the scale does not matter: planes are normalised afterwards).
 * The first halving reads the decoded bytes themselves and the others the
 * float planes: one function over two array kinds, which measured about as
 * fast as a separate function for each kind, and faster than copying every
 * decoded frame to floats first (that copy took about a seventh of shot
 * detection's CPU in this process). Sums of four bytes are exact in
 * float32: the planes are the same either way.
 */
function halve(values: Uint8Array | Float32Array, width: number, height: number): Plane {
  const w = width >> 1;
  const h = height >> 1;
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    let top = 2 * y * width;
    let bottom = top + width;
    let o = y * w;
    for (let x = 0; x < w; x++, top += 2, bottom += 2) out[o++] = values[top]! + values[top + 1]! + values[bottom]! + values[bottom + 1]!;
  }
  return { width: w, height: h, values: out };
}

function normalised(plane: Plane): Plane {
  const { values } = plane;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  const mean = sum / values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i]! - mean;
    squares += d * d;
  }
  const sd = Math.sqrt(squares / values.length);
  // A flat frame (black, white) has no pattern to compare: all zeros, so its correlation with anything is 0.
  const scale = sd > 1e-3 * 16 ? 1 / sd : 0;
  for (let i = 0; i < values.length; i++) values[i] = (values[i]! - mean) * scale;
  return plane;
}

/**
 * 1 − the best correlation of frame b against frame a over small shifts
 * (camera pans move the picture between frames; a shot change does not line
 * up at any shift): about 0 for the same view, about 1 for unrelated
 * pictures. Coarse to fine: ±2 pixels on the coarsest plane used (±16 px of
 * the decoded frame), then ±1 on each finer one down to `finest`
 * (0 half, 1 quarter). Correlations use the whole frames' normalisation:
 * the shifts are small, the overlap is most of the frame. A flat frame has
 * no pattern: it is unlike every picture, and like a flat frame as bright.
 */
export function alignedUnlikeness(a: AnalysisFrame, b: AnalysisFrame, finest: 0 | 1): number {
  // Two flat frames are alike when they are as bright (black and black), unlike when not (black and white).
  if (a.flat && b.flat) return Math.min(1, Math.abs(a.mean - b.mean) / 64);
  if (a.flat || b.flat) return 1;
  let dx = 0;
  let dy = 0;
  let best = -Infinity;
  for (let level = 2; level >= finest; level--) {
    const range = level === 2 ? 2 : 1;
    const [cx, cy] = level === 2 ? [0, 0] : [dx * 2, dy * 2];
    best = -Infinity;
    for (let sy = cy - range; sy <= cy + range; sy++) {
      for (let sx = cx - range; sx <= cx + range; sx++) {
        const c = correlationAt(a.planes[level]!, b.planes[level]!, sx, sy);
        if (c > best) [best, dx, dy] = [c, sx, sy];
      }
    }
  }
  return finest === 0 ? blockUnlikeness(a.planes[0], b.planes[0], dx, dy) : 1 - best;
}

const GRID = 4;
/** A change must cover more than a third of the picture: the 67th percentile of the blocks' unlikeness. */
const BLOCK_QUANTILE = 2 / 3;

/**
 * At the found shift, the picture in GRID × GRID blocks, each compared on
 * its own (correlation, or brightness when a block is flat): a change
 * confined to a few blocks (a sign lighting up, someone walking in, a
 * burned-in counter) is not a new shot; a cut changes nearly every block.
 */
function blockUnlikeness(a: Plane, b: Plane, dx: number, dy: number): number {
  const { width, height } = a;
  const x0 = Math.max(0, -dx);
  const x1 = Math.min(width, width - dx);
  const y0 = Math.max(0, -dy);
  const y1 = Math.min(height, height - dy);
  const values: number[] = [];
  for (let by = 0; by < GRID; by++) {
    for (let bx = 0; bx < GRID; bx++) {
      const xs = x0 + Math.floor(((x1 - x0) * bx) / GRID);
      const xe = x0 + Math.floor(((x1 - x0) * (bx + 1)) / GRID);
      const ys = y0 + Math.floor(((y1 - y0) * by) / GRID);
      const ye = y0 + Math.floor(((y1 - y0) * (by + 1)) / GRID);
      let sa = 0;
      let sb = 0;
      let saa = 0;
      let sbb = 0;
      let sab = 0;
      for (let y = ys; y < ye; y++) {
        let i = y * width + xs;
        let j = (y + dy) * width + xs + dx;
        for (let x = xs; x < xe; x++, i++, j++) {
          const va = a.values[i]!;
          const vb = b.values[j]!;
          sa += va;
          sb += vb;
          saa += va * va;
          sbb += vb * vb;
          sab += va * vb;
        }
      }
      const count = (xe - xs) * (ye - ys);
      if (count === 0) continue;
      const ma = sa / count;
      const mb = sb / count;
      const va = saa / count - ma * ma;
      const vb = sbb / count - mb * mb;
      // Planes have unit variance over the frame: a block with a hundredth of it is flat (sky, a wall).
      const flatA = va < 0.01;
      const flatB = vb < 0.01;
      if (flatA && flatB) values.push(Math.min(1, Math.abs(ma - mb)));
      else if (flatA || flatB) values.push(1);
      else values.push(1 - (sab / count - ma * mb) / Math.sqrt(va * vb));
    }
  }
  values.sort((p, q) => p - q);
  return values[Math.min(values.length - 1, Math.floor(values.length * BLOCK_QUANTILE))] ?? 1;
}

/** Mean product of a(x, y) and b(x + dx, y + dy) over their overlap. */
export function correlationAt(a: Plane, b: Plane, dx: number, dy: number): number {
  const { width, height } = a;
  const x0 = Math.max(0, -dx);
  const x1 = Math.min(width, width - dx);
  const y0 = Math.max(0, -dy);
  const y1 = Math.min(height, height - dy);
  const count = (x1 - x0) * (y1 - y0);
  if (count <= 0) return 0;
  const av = a.values;
  const bv = b.values;
  let sum = 0;
  for (let y = y0; y < y1; y++) {
    let i = y * width + x0;
    let j = (y + dy) * width + x0 + dx;
    for (let x = x0; x < x1; x++) sum += av[i++]! * bv[j++]!;
  }
  return sum / count;
}
