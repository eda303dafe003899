// The visual tracker on videos made from real photographs (see
// native/video/testSupport/photoScene.ts), decoded by real ffmpeg: a rock
// moving over a coastline, growing, passing under a pillar of ice, or
// disappearing behind a wall of ice.
import { describe, expect, it } from 'vitest';
import { iou } from '../../../core/geometry/box';
import { keyframesFromDetections } from '../../../core/video/autoTrack';
import { probeVideo, readGrayFrames } from '../../video';
import { photoScene, type PhotoScene } from '../../video/testSupport/photoScene';
import { BoxFollower, type FollowedFrame } from './followBox';

async function follow(scene: PhotoScene): Promise<{ follower: BoxFollower; steps: FollowedFrame[] }> {
  const probe = await probeVideo(scene.path);
  let follower: BoxFollower | null = null;
  const steps: FollowedFrame[] = [];
  for await (const frame of readGrayFrames(probe, { start: 0, end: scene.spec.frames - 1 })) {
    if (!follower) follower = new BoxFollower('rock', frame.frame, frame, scene.truth[0]!, { everyK: 5 });
    else if (!follower.ended) steps.push(follower.push(frame.frame, frame));
  }
  return { follower: follower!, steps };
}

describe('BoxFollower on real-photo videos (libx264 medium, B-frames)', () => {
  it('follows a moving, growing object through a partial occlusion (IoU over the whole sequence)', { timeout: 120_000 }, async () => {
    const scene = await photoScene({ kind: 'occluded', width: 640, height: 360, frames: 150 });
    const { follower, steps } = await follow(scene);
    const track = follower.result();
    // The object never leaves: the track runs to the last frame.
    expect(track.endFrame).toBeUndefined();
    expect(steps).toHaveLength(149);
    const overlaps = steps.map((s) => iou(s.box, scene.truth[s.frame]!));
    expect(overlaps.reduce((a, b) => a + b, 0) / overlaps.length).toBeGreaterThan(0.7);
    // Under the pillar (up to ~30 % hidden) the box stays on the object.
    const occluded = steps.filter((s) => scene.visible[s.frame]! < 0.95);
    expect(occluded.length).toBeGreaterThan(10);
    for (const s of occluded) expect(iou(s.box, scene.truth[s.frame]!)).toBeGreaterThan(0.5);
    // It grew by 35 %; the box grew with it.
    expect(steps.at(-1)!.box.w).toBeGreaterThan(scene.truth[0]!.w * 1.1);
    // Keyframes every 5 frames, each on the object.
    expect(track.keyframes.map((k) => k.frame).slice(0, 4)).toEqual([0, 5, 10, 15]);
    for (const k of track.keyframes) expect(iou(k.box, scene.truth[k.frame]!)).toBeGreaterThan(0.5);
  });

  it('ends the track with an outside keyframe when the object goes behind a wall, instead of drifting', { timeout: 120_000 }, async () => {
    const scene = await photoScene({ kind: 'vanishing', width: 640, height: 360, frames: 120 });
    const { follower } = await follow(scene);
    const track = follower.result();
    const firstHidden = scene.truth.findIndex((b) => b === null);
    const halfHidden = scene.visible.findIndex((v) => v < 0.75);
    expect(track.endFrame).toBeDefined();
    // It ends while the object is going behind the wall: not before a quarter of it is hidden, not after it is gone.
    expect(track.endFrame!).toBeGreaterThanOrEqual(halfHidden);
    expect(track.endFrame!).toBeLessThanOrEqual(firstHidden);
    // Every keyframe before the end is on the object, none is at or after the end.
    for (const k of track.keyframes) {
      expect(k.frame).toBeLessThan(track.endFrame!);
      expect(iou(k.box, scene.truth[k.frame]!)).toBeGreaterThan(0.5);
    }
    const stored = keyframesFromDetections(track.keyframes, track.endFrame);
    expect(stored.at(-1)).toMatchObject({ frame: track.endFrame, outside: true });
    expect(() => follower.push(119, { width: 640, height: 360, pixels: new Uint8Array(640 * 360) })).toThrow(/already ended/);
  });

  it('ends the track when the object leaves the picture', { timeout: 120_000 }, async () => {
    const scene = await photoScene({ kind: 'leaving', width: 640, height: 360, frames: 90 });
    const { follower } = await follow(scene);
    const track = follower.result();
    const gone = scene.truth.findIndex((b) => b === null);
    expect(gone).toBeGreaterThan(0);
    expect(track.endFrame).toBeDefined();
    expect(track.endFrame!).toBeGreaterThanOrEqual(scene.visible.findIndex((v) => v < 0.75));
    expect(track.endFrame!).toBeLessThanOrEqual(gone);
    for (const k of track.keyframes) expect(iou(k.box, scene.truth[k.frame]!)).toBeGreaterThan(0.5);
  });
});
