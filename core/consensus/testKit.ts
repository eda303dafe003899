import type { CanonicalShape } from '../sync/canonicalLabels';

/** A box shape for hand-built consensus cases: shape('car', x, y, w, h). */
export function shape(className: string, x: number, y: number, w = 10, h = 10): CanonicalShape {
  return { className, box: { x, y, w, h } };
}

/** Deterministic shuffle (seeded), so a failing order can be replayed. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1664525 + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
