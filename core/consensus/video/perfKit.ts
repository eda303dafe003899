import type { CanonicalTrack } from '../../sync/canonicalVideo';
import { box, int, kf, rng, track } from './testKit';
import type { VideoSubmission } from './types';

/**
 * An hour of video at 30 fps: `annotators` annotators each track the same
 * `objects` objects over every frame, keyframes every 20–40 frames at their
 * own frames, boxes a few pixels apart.
 */
export function hourOfTracks(annotators: number, objects: number, frameCount = 108_000, seed = 7): VideoSubmission[] {
  const r = rng(seed);
  const paths = Array.from({ length: objects }, (_, o) => {
    const points: { frame: number; x: number; y: number }[] = [];
    let x = (o % 5) * 380;
    let y = Math.floor(o / 5) * 260;
    for (let f = 0; f < frameCount; f += 300) {
      points.push({ frame: f, x, y });
      x = Math.max(0, Math.min(1800, x + int(r, -40, 40)));
      y = Math.max(0, Math.min(1000, y + int(r, -40, 40)));
    }
    return points;
  });
  const at = (o: number, f: number) => {
    const p = paths[o]!;
    const i = Math.min(p.length - 2, Math.floor(f / 300));
    const t = (f - p[i]!.frame) / 300;
    return { x: p[i]!.x + (p[i + 1]!.x - p[i]!.x) * t, y: p[i]!.y + (p[i + 1]!.y - p[i]!.y) * t };
  };
  return Array.from({ length: annotators }, (_, a) => {
    const tracks: CanonicalTrack[] = paths.map((_, o) => {
      const keyframes = [];
      for (let f = int(r, 0, 10); f < frameCount; f += int(r, 20, 40)) {
        const c = at(o, f);
        keyframes.push(kf(f, box(Math.round(c.x + int(r, -2, 2)), Math.round(c.y + int(r, -2, 2)), 120, 80)));
      }
      return track(o % 2 ? 'person' : 'car', keyframes);
    });
    return { annotator: `0x${a}`, shapes: [], video: { frameCount, tracks, frameTags: [], segments: [] } };
  });
}
