import { describe, expect, it } from 'vitest';
import { VideoError } from '../errors';
import { fixture } from '../testSupport/fixtures';
import type { ShotProgress } from '../types';
import { detectShots } from './detectShots';
import { segmentsFromScores } from './segmentsFromScores';
import { boundariesOf, matchBoundaries } from './testSupport/boundaryMatch';
import { SHORT_EDIT } from './testSupport/shortEdit';
import { shotsVideo } from './testSupport/shotsVideo';

describe('detectShots', () => {
  it('splits the two-shot video at the cut, with a score per frame and progress by frames', async () => {
    const progress: ShotProgress[] = [];
    const result = await detectShots(await fixture('twoShots'), { threshold: 0.3, onProgress: (p) => progress.push(p) });
    expect(result.segments).toHaveLength(2);
    expect(result.segments[0]).toEqual({ startFrame: 0, endFrame: 59, score: 0 });
    expect(result.segments[1]).toMatchObject({ startFrame: 60, endFrame: 119 });
    expect(result.segments[1]!.score).toBeGreaterThan(0.3);
    expect(result.scores).toHaveLength(120);
    expect(Math.max(...result.scores.filter((_, n) => n !== 60))).toBeLessThan(0.3);
    expect(progress.at(-1)).toEqual({ done: 120, total: 120 });
  });

  it('finds the cuts, the dissolve and the fade of an edit from real photos, and nothing inside the pan, zoom or flash', async () => {
    const video = await shotsVideo(SHORT_EDIT);
    const result = await detectShots(video.path);
    const found = boundariesOf(result.segments);
    const match = matchBoundaries(found, video.boundaries);
    expect(video.boundaries.map((b) => b.kind)).toEqual(['cut', 'dissolve', 'cut', 'fade', 'cut']);
    expect(match.missed).toEqual([]);
    expect(match.falsePositives).toEqual([]);
    // The first shot pans a picture width per second: no boundary before the cut at frame 60.
    expect(found[0]).toBeGreaterThanOrEqual(59);
    // Scores are the boundaries' confidence: above the default threshold where a shot starts, 0 elsewhere.
    expect(result.scores.filter((s) => s > 0.3)).toHaveLength(found.length);
  }, 120_000);

  it('finds no cut in a single continuous shot', async () => {
    const result = await detectShots(await fixture('cfr'));
    expect(result.segments).toEqual([{ startFrame: 0, endFrame: 299, score: 0 }]);
  });

  it('can be cancelled', async () => {
    const controller = new AbortController();
    const running = detectShots(await fixture('cfr'), { signal: controller.signal, onProgress: () => controller.abort() });
    const error = await running.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VideoError);
    expect((error as VideoError).code).toBe('cancelled');
    expect((error as VideoError).message).toBe('Shot detection was cancelled');
  });

  it('passes on probe errors for bad input', async () => {
    await expect(detectShots(await fixture('audioOnly'))).rejects.toThrow(/^No video stream in audioOnly\.m4a/);
  });
});

describe('segmentsFromScores', () => {
  const scores = [0, 0.1, 0.9, 0.05, 0.5, 0.2];
  it('cuts before each frame above the threshold', () => {
    expect(segmentsFromScores(scores, 0.3)).toEqual([
      { startFrame: 0, endFrame: 1, score: 0 },
      { startFrame: 2, endFrame: 3, score: 0.9 },
      { startFrame: 4, endFrame: 5, score: 0.5 },
    ]);
  });
  it('re-thresholds without another pass', () => {
    expect(segmentsFromScores(scores, 0.6)).toEqual([
      { startFrame: 0, endFrame: 1, score: 0 },
      { startFrame: 2, endFrame: 5, score: 0.9 },
    ]);
    expect(segmentsFromScores([], 0.3)).toEqual([]);
  });
});
