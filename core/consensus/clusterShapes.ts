import { matchByIoU } from '../geometry/hungarian';
import type { CanonicalShape } from '../sync/canonicalLabels';

/** A shape by (annotator rank, shape rank) in the canonical orders consensus works in. */
export interface ShapeRef {
  annotator: number;
  shape: number;
}

interface Edge {
  a: ShapeRef;
  b: ShapeRef;
  iou: number;
}

function byRefs(x: Edge, y: Edge): number {
  return x.a.annotator - y.a.annotator || x.a.shape - y.a.shape || x.b.annotator - y.b.annotator || x.b.shape - y.b.shape;
}

/** Hungarian matching between every pair of annotators: each edge says "these two shapes look like one object". */
function pairwiseEdges(shapesByAnnotator: readonly (readonly CanonicalShape[])[], iouThreshold: number): Edge[] {
  const edges: Edge[] = [];
  for (let a = 0; a < shapesByAnnotator.length; a++) {
    for (let b = a + 1; b < shapesByAnnotator.length; b++) {
      const boxesA = shapesByAnnotator[a]!.map((s) => s.box);
      const boxesB = shapesByAnnotator[b]!.map((s) => s.box);
      for (const [i, j, iou] of matchByIoU(boxesA, boxesB, iouThreshold).pairs) {
        edges.push({ a: { annotator: a, shape: i }, b: { annotator: b, shape: j }, iou });
      }
    }
  }
  return edges;
}

/**
 * Joins pairwise matches into clusters holding at most one shape per
 * annotator. Matches are taken strongest first (ties in a fixed order), like
 * Kruskal's algorithm; a match that would put two shapes of one annotator in
 * one cluster is skipped, so conflicts split towards the better overlaps.
 * Unmatched shapes are clusters of one. Clusters come out ordered by their
 * first member.
 */
export function clusterShapes(shapesByAnnotator: readonly (readonly CanonicalShape[])[], iouThreshold: number): ShapeRef[][] {
  const refs: ShapeRef[] = [];
  const offsets: number[] = [];
  shapesByAnnotator.forEach((shapes, annotator) => {
    offsets.push(refs.length);
    shapes.forEach((_, shape) => refs.push({ annotator, shape }));
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

  const edges = pairwiseEdges(shapesByAnnotator, iouThreshold).sort((x, y) => y.iou - x.iou || byRefs(x, y));
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
