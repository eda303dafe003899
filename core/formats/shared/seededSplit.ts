import { compareCodeUnits } from './paths';

/** How a dataset is split for training: a share held out for validation, drawn with a seed the user can set. */
export interface SplitOptions {
  /** Percent of the images that go to val, 1–99. */
  valPercent: number;
  /** Same seed and same file names → same split, on every machine. */
  seed: number;
}

/**
 * Splits file names into train and val. The names are sorted first so the
 * order the store lists them in does not matter, then shuffled with a seeded
 * PRNG (mulberry32: small, well known, identical in every JS engine).
 * Val gets round(n × percent) names, but never all of them and, when there
 * are two or more, never none: Ultralytics needs images on both sides.
 */
export function seededSplit(fileNames: readonly string[], options: SplitOptions): { train: Set<string>; val: Set<string> } {
  const names = [...fileNames].sort(compareCodeUnits);
  const random = mulberry32(options.seed);
  for (let i = names.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [names[i], names[j]] = [names[j]!, names[i]!];
  }
  const wanted = Math.round((names.length * options.valPercent) / 100);
  const valCount = names.length < 2 ? 0 : Math.min(names.length - 1, Math.max(1, wanted));
  return { val: new Set(names.slice(0, valCount)), train: new Set(names.slice(valCount)) };
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
