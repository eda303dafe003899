import { normalizeVideoLabels } from '../../sync/canonicalVideo';
import type { CanonicalShape } from '../../sync/canonicalLabels';
import { agreesWith } from '../agreesWith';
import { frameTagAgreement } from './frameTags';
import { matchTracks, orderedTracks, type OrderedTrack } from './formVideoConsensus';
import { resolveVideoConsensusOptions } from './options';
import { visibleFrames } from './pieces';
import { segmentAgreement } from './segments';
import { frameHits } from './trackIou';
import type { VideoConsensusOptions, VideoLabels } from './types';

function byFrame(shapes: readonly CanonicalShape[]): Map<number, CanonicalShape[]> {
  const out = new Map<number, CanonicalShape[]>();
  for (const s of shapes) {
    const f = s.frame ?? -1;
    if (!out.has(f)) out.set(f, []);
    out.get(f)!.push(s);
  }
  return out;
}

function byClass(tracks: readonly OrderedTrack[]): Map<string, OrderedTrack[]> {
  const out = new Map<string, OrderedTrack[]>();
  for (const t of tracks) {
    if (!out.has(t.track.className)) out.set(t.track.className, []);
    out.get(t.track.className)!.push(t);
  }
  return out;
}

/**
 * The reward rule for a video item: does an annotator's submission agree
 * with the item's final labels (consensus or verdict)?
 * - same frame count;
 * - tracks paired one-to-one within each class by track IoU (Hungarian),
 *   every pair at or above `trackIouThreshold`, every final track paired and
 *   none of the annotator's left over, AND the annotator's IDF1 against the
 *   final tracks (frame hits at `frameIouThreshold`) at least
 *   `trackAcceptance`: track IoU alone passes a track that follows the right
 *   object half the time and swaps identity at mid-video (0.5);
 * - single-frame boxes agree on every frame (core/consensus `agreesWith` at
 *   `frameIouThreshold`);
 * - frame tags: Jaccard ≥ `tagAcceptance`; segments: boundary F1 × tag match
 *   ≥ `segmentAcceptance`.
 */
export function videoAgreesWith(labels: VideoLabels, final: VideoLabels, options: VideoConsensusOptions = {}): boolean {
  const o = resolveVideoConsensusOptions(options);
  if (labels.video.frameCount !== final.video.frameCount) return false;
  const frameCount = final.video.frameCount;
  const mine = normalizeVideoLabels(labels.video);
  const truth = normalizeVideoLabels(final.video);
  const own = byClass(orderedTracks(mine.tracks, frameCount, 'labels', true));
  const fin = byClass(orderedTracks(truth.tracks, frameCount, 'final', true));
  let hits = 0;
  let ownFrames = 0;
  let finalFrames = 0;
  for (const className of new Set([...own.keys(), ...fin.keys()])) {
    const a = own.get(className) ?? [];
    const b = fin.get(className) ?? [];
    if (a.length !== b.length) return false;
    const pairs = matchTracks(a, b, o.trackIouThreshold);
    if (pairs.length !== b.length) return false;
    for (const [i, j] of pairs) hits += frameHits(a[i]!.pieces, b[j]!.pieces, o.frameIouThreshold);
    for (const t of a) ownFrames += visibleFrames(t.pieces);
    for (const t of b) finalFrames += visibleFrames(t.pieces);
  }
  if (ownFrames + finalFrames > 0 && (2 * hits) / (ownFrames + finalFrames) < o.trackAcceptance) return false;
  const ownBoxes = byFrame(labels.shapes);
  const finalBoxes = byFrame(final.shapes);
  for (const frame of new Set([...ownBoxes.keys(), ...finalBoxes.keys()])) {
    if (!agreesWith(ownBoxes.get(frame) ?? [], finalBoxes.get(frame) ?? [], o.frameIouThreshold)) return false;
  }
  if (frameTagAgreement(mine.frameTags, truth.frameTags) < o.tagAcceptance) return false;
  return segmentAgreement(mine.segments, truth.segments, o.boundaryTolerance) >= o.segmentAcceptance;
}
