import { seededFrames } from '../../testSupport/seededFrames';

/**
 * Edit decisions for test videos made from real photographs, and the shot
 * boundaries they produce (the ground truth), as pure arithmetic.
 *
 * Each shot is a window (16:9) moving over one photograph: from `from` to
 * `to` linearly, so a shot can pan, zoom in or out, or both (Ken Burns).
 * Shots may carry a camera flash (a few frames brightened) or an exposure
 * ramp (the picture darkens or brightens over part of the shot). A shot is
 * joined to the next by a hard cut, a cross-dissolve, or a fade through black.
 */
export type PhotoName = 'pointLobos' | 'ice' | 'hill';

/** A window on the photograph in its own pixels (left, top, width; the height follows from 16:9). */
export interface Window {
  x: number;
  y: number;
  w: number;
}

export interface ShotSpec {
  photo: PhotoName;
  /** Mirror the photograph (another look at the same place). */
  flop?: boolean;
  from: Window;
  to: Window;
  /** Frames of this shot, including those it spends inside transitions. */
  frames: number;
  /** Frame offsets (within the shot) of camera flashes, each 2 frames long. */
  flashes?: number[];
  /** Gain 1 → `gain` over the shot's frames `start`…`end` (auto exposure), held after. */
  exposure?: { start: number; end: number; gain: number };
}

export type TransitionSpec =
  | { kind: 'cut' }
  /** `frames` frames in which the next shot's picture replaces this one's (both keep moving). */
  | { kind: 'dissolve'; frames: number }
  /** This shot darkens to black over `out` frames, `black` black frames, the next shot brightens over `in`. */
  | { kind: 'fade'; out: number; black: number; in: number };

export interface VideoSpec {
  name: string;
  width: number;
  height: number;
  fps: number;
  shots: ShotSpec[];
  /** transitions[i] joins shots[i] and shots[i + 1]. */
  transitions: TransitionSpec[];
}

export type BoundaryKind = 'cut' | 'dissolve' | 'fade';

/** A true shot boundary: for a cut the next shot's first frame (start = end); for a gradual one the frames of the transition. */
export interface TrueBoundary {
  kind: BoundaryKind;
  start: number;
  end: number;
}

/** What every output frame shows: one shot's frame, or a mix of two (dissolve), or a shot scaled towards black (fade). */
export interface FramePlan {
  /** [shot index, frame within the shot, weight]; weights add to 1 except in fades (black makes up the rest). */
  layers: [number, number, number][];
}

/** Frame-by-frame plan and truth of a video spec. */
export function planVideo(spec: VideoSpec): { frames: FramePlan[]; boundaries: TrueBoundary[] } {
  if (spec.transitions.length !== spec.shots.length - 1) throw new Error(`${spec.name}: ${spec.shots.length} shots need ${spec.shots.length - 1} transitions`);
  const frames: FramePlan[] = [];
  const boundaries: TrueBoundary[] = [];
  // Frames of shot i already used by the transition before it.
  let consumed = 0;
  spec.shots.forEach((shot, i) => {
    const next = spec.transitions[i];
    const tail = next === undefined || next.kind === 'cut' ? 0 : next.kind === 'dissolve' ? next.frames : next.out;
    if (shot.frames - consumed - tail < 1) throw new Error(`${spec.name}: shot ${i} is too short for its transitions`);
    for (let f = consumed; f < shot.frames - tail; f++) frames.push({ layers: [[i, f, 1]] });
    if (next === undefined) return;
    const start = frames.length;
    if (next.kind === 'cut') {
      boundaries.push({ kind: 'cut', start, end: start });
      consumed = 0;
    } else if (next.kind === 'dissolve') {
      for (let j = 0; j < next.frames; j++) {
        const alpha = (j + 1) / (next.frames + 1);
        frames.push({ layers: [[i, shot.frames - tail + j, 1 - alpha], [i + 1, j, alpha]] });
      }
      boundaries.push({ kind: 'dissolve', start, end: frames.length - 1 });
      consumed = next.frames;
    } else {
      for (let j = 0; j < next.out; j++) frames.push({ layers: [[i, shot.frames - tail + j, 1 - (j + 1) / next.out]] });
      for (let j = 0; j < next.black; j++) frames.push({ layers: [] });
      for (let j = 0; j < next.in; j++) frames.push({ layers: [[i + 1, j, (j + 1) / (next.in + 1)]] });
      boundaries.push({ kind: 'fade', start, end: frames.length - 1 });
      consumed = next.in;
    }
  });
  return { frames, boundaries };
}

/** Photo sizes in their own pixels (the files in apg-js's guide). */
export const PHOTO_SIZE: Record<PhotoName, { width: number; height: number }> = {
  pointLobos: { width: 1600, height: 250 },
  ice: { width: 576, height: 125 },
  hill: { width: 820, height: 120 },
};

type Motion = 'drift' | 'pan' | 'fastPan' | 'zoomIn' | 'zoomOut' | 'kenBurns';
const MOTIONS: Motion[] = ['drift', 'pan', 'kenBurns', 'zoomIn', 'fastPan', 'zoomOut'];

/**
 * A seeded edit of `shotCount` shots, cycling through the hard cases: every
 * kind of camera motion, flashes and exposure ramps, short shots (8–14
 * frames, next to cuts), and shots that show another crop of the previous
 * shot's photograph. Transitions cycle cut, dissolve (10–30 frames), cut,
 * fade (out 6–15, 0–4 black, in 6–15), cut, so cuts are about half.
 */
export function generatedVideoSpec(name: string, seed: number, shotCount: number, size = { width: 640, height: 360 }, fps = 30): VideoSpec {
  const random = seededFrames(shotCount * 32, 1_000_000, seed).map((v) => v / 1_000_000);
  let r = 0;
  const next = () => random[r++ % random.length]!;
  const between = (lo: number, hi: number) => Math.round(lo + next() * (hi - lo));
  const kinds: TransitionSpec['kind'][] = ['cut', 'dissolve', 'cut', 'fade', 'cut'];
  const transitions: TransitionSpec[] = [];
  for (let i = 0; i < shotCount - 1; i++) {
    const kind = kinds[(i + seed) % kinds.length]!;
    if (kind === 'cut') transitions.push({ kind });
    else if (kind === 'dissolve') transitions.push({ kind, frames: between(10, 30) });
    else transitions.push({ kind, out: between(6, 15), black: between(0, 4), in: between(6, 15) });
  }
  const photos: PhotoName[] = ['pointLobos', 'ice', 'pointLobos', 'hill'];
  const shots: ShotSpec[] = [];
  for (let i = 0; i < shotCount; i++) {
    const before = transitions[i - 1];
    const after = transitions[i];
    const gradualFrames = (t: TransitionSpec | undefined) => (t === undefined || t.kind === 'cut' ? 0 : t.kind === 'dissolve' ? t.frames : t.kind === 'fade' ? Math.max(t.in, t.out) : 0);
    const short = i % 5 === 2 && gradualFrames(before) === 0 && gradualFrames(after) === 0;
    const frames = short ? between(8, 14) : gradualFrames(before) + gradualFrames(after) + between(30, 75);
    // Every third shot stays on the previous shot's photograph (another crop): similar-looking consecutive shots.
    const photo = i > 0 && i % 3 === 1 ? shots[i - 1]!.photo : photos[Math.floor(next() * photos.length)]!;
    const previous = shots[i - 1];
    const flop = previous?.photo === photo ? previous.flop : next() < 0.3;
    let move = moveFor(MOTIONS[i % MOTIONS.length]!, PHOTO_SIZE[photo], frames, next);
    // Another crop of the same photograph must still show another view: a different place or a different zoom.
    for (let tries = 0; previous?.photo === photo && tries < 20 && !looksDifferent(previous.to, move.from); tries++) {
      move = moveFor(MOTIONS[i % MOTIONS.length]!, PHOTO_SIZE[photo], frames, next);
    }
    const shot: ShotSpec = { photo, flop, from: move.from, to: move.to, frames };
    if (!short && i % 4 === 1) shot.flashes = [between(8, frames - 10)];
    if (!short && i % 7 === 3) shot.exposure = { start: between(5, 15), end: between(20, 30), gain: next() < 0.5 ? 0.55 : 1.5 };
    shots.push(shot);
  }
  return { name, width: size.width, height: size.height, fps, shots, transitions };
}

function looksDifferent(a: Window, b: Window): boolean {
  const centre = (w: Window) => w.x + w.w / 2;
  return Math.abs(centre(a) - centre(b)) > 0.4 * Math.min(a.w, b.w) || Math.max(a.w, b.w) / Math.min(a.w, b.w) > 1.3;
}

/** Start and end windows for a camera move, inside the photograph. */
function moveFor(motion: Motion, photo: { width: number; height: number }, frames: number, next: () => number): { from: Window; to: Window } {
  const maxW = Math.min(photo.width, Math.floor((photo.height * 16) / 9));
  const place = (w: number, fx: number, fy: number): Window => ({ x: Math.round(fx * (photo.width - w)), y: Math.round(fy * (photo.height - (w * 9) / 16)), w });
  const w = Math.round(maxW * (0.55 + 0.3 * next()));
  const fx = next();
  const fy = next();
  // Speeds in photo pixels per frame for a window of width w: a pan moves half the picture's width per second, a fast pan all of it.
  const pan = (speed: number) => {
    const span = Math.min(photo.width - w, Math.round(speed * w * frames));
    const start = Math.round(next() * (photo.width - w - span));
    const y = Math.round(fy * (photo.height - (w * 9) / 16));
    return next() < 0.5 ? { from: { x: start, y, w }, to: { x: start + span, y, w } } : { from: { x: start + span, y, w }, to: { x: start, y, w } };
  };
  switch (motion) {
    case 'drift':
      return { from: place(w, fx, fy), to: place(w, Math.min(1, fx + 0.02), fy) };
    case 'pan':
      return pan(1 / 60);
    case 'fastPan':
      return pan(1 / 30);
    case 'zoomIn':
      return { from: place(maxW, fx, fy), to: place(Math.round(maxW * 0.6), fx, fy) };
    case 'zoomOut':
      return { from: place(Math.round(maxW * 0.6), fx, fy), to: place(maxW, fx, fy) };
    case 'kenBurns':
      return { from: place(maxW, fx, 0.5), to: place(Math.round(maxW * 0.7), Math.min(1, fx + 0.15), fy) };
  }
}
