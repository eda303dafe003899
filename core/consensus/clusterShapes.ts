import { matchByIoU } from '../geometry/hungarian';
import type { CanonicalShape } from '../sync/canonicalLabels';

/** An element by (annotator rank, element rank) in the canonical orders consensus works in. */
export interface ShapeRef {
  annotator: number;
  shape: number;
}

interface Edge {
  a: ShapeRef;
  b: ShapeRef;
  score: number;
}

function byRefs(x: Edge, y: Edge): number {
  return x.a.annotator - y.a.annotator || x.a.shape - y.a.shape || x.b.annotator - y.b.annotator || x.b.shape - y.b.shape;
}

/**
 * Pairs elements of annotators `a` < `b` one-to-one: [index in a, index in b,
 * score], higher score = more alike. Each pair says "these two are one object".
 */
export type PairMatcher = (a: number, b: number) => readonly (readonly [number, number, number])[];

/**
 * THE clustering of consensus, for image shapes, video tracks and segment
 * boundaries alike: the pairwise matches of every pair of annotators are
 * joined strongest first (ties in a fixed order), like Kruskal's algorithm;
 * a match that would put two elements of one annotator in one cluster is
 * skipped, so conflicts split towards the better matches. Unmatched
 * elements are clusters of one. Clusters come out ordered by their first
 * member, members in annotator order.
 */
export function clusterByPairs(sizes: readonly number[], matchPair: PairMatcher): ShapeRef[][] {
  const refs: ShapeRef[] = [];
  const offsets: number[] = [];
  sizes.forEach((size, annotator) => {
    offsets.push(refs.length);
    for (let shape = 0; shape < size; shape++) refs.push({ annotator, shape });
  });
  const id = (r: ShapeRef) => offsets[r.annotator]! + r.shape;
  const parent = refs.map((_, i) => i);
  const annotatorsOf = refs.map((r) => new Set([r.annotator]));
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };

  const edges: Edge[] = [];
  for (let a = 0; a < sizes.length; a++) {
    for (let b = a + 1; b < sizes.length; b++) {
      for (const [i, j, score] of matchPair(a, b)) edges.push({ a: { annotator: a, shape: i }, b: { annotator: b, shape: j }, score });
    }
  }
  edges.sort((x, y) => y.score - x.score || byRefs(x, y));
  for (const edge of edges) {
    const ra = find(id(edge.a));
    const rb = find(id(edge.b));
    if (ra === rb) continue;
    const [keep, drop] = ra < rb ? [ra, rb] : [rb, ra];
    if ([...annotatorsOf[drop]!].some((a) => annotatorsOf[keep]!.has(a))) continue;
    parent[drop] = keep;
    for (const a of annotatorsOf[drop]!) annotatorsOf[keep]!.add(a);
  }

  const clusters = new Map<number, ShapeRef[]>();
  refs.forEach((ref, i) => {
    const root = find(i);
    if (!clusters.has(root)) clusters.set(root, []);
    clusters.get(root)!.push(ref);
  });
  // Roots are the smallest id of their cluster and refs were visited in id order, so Map order is first-member order.
  return [...clusters.values()];
}

/**
 * Image shapes: Hungarian matching by IoU between every pair of annotators
 * (class-agnostic, pairs below `iouThreshold` dropped), then `clusterByPairs`.
 */
export function clusterShapes(shapesByAnnotator: readonly (readonly CanonicalShape[])[], iouThreshold: number): ShapeRef[][] {
  return clusterByPairs(
    shapesByAnnotator.map((s) => s.length),
    (a, b) =>
      matchByIoU(
        shapesByAnnotator[a]!.map((s) => s.box),
        shapesByAnnotator[b]!.map((s) => s.box),
        iouThreshold,
      ).pairs,
  );
}
