import { describe, expect, it } from 'vitest';
import { normalizeVideoLabels } from '../../sync/canonicalVideo';
import { formVideoConsensus } from './formVideoConsensus';
import { videoAgreesWith } from './videoAgreesWith';
import { randomSegments, randomTrack, rng, submission, video } from './testKit';

describe('formVideoConsensus: full agreement', () => {
  it('annotators in full agreement produce exactly their normalized tracks, tags and segments, accepted with score 1', () => {
    for (let seed = 1; seed <= 120; seed++) {
      const r = rng(seed);
      const frameCount = 30 + Math.floor(r() * 600);
      const v = video(frameCount, {
        tracks: [randomTrack(r, frameCount), randomTrack(r, frameCount, 'person'), randomTrack(r, frameCount)],
        frameTags: [
          { className: 'rain', startFrame: 2, endFrame: Math.min(frameCount - 1, 25) },
          { className: 'blur', startFrame: Math.floor(frameCount / 2), endFrame: frameCount - 1 },
        ],
        segments: randomSegments(r, frameCount),
      });
      const result = formVideoConsensus(['0xA', '0xb', '0xC'].map((a) => submission(a, v)));
      expect(result.labels.video, `seed ${seed}`).toEqual(normalizeVideoLabels(v));
      expect(result.status).toBe('accepted');
      expect(result.score).toBe(1);
      expect(result.annotators.map((a) => [a.idf1, a.tagAgreement, a.segmentAgreement])).toEqual([
        [1, 1, 1],
        [1, 1, 1],
        [1, 1, 1],
      ]);
      expect(videoAgreesWith({ shapes: [], video: v }, result.labels)).toBe(true);
    }
  });
});
