import { describe, expect, it } from 'vitest';
import { formVideoConsensus } from './formVideoConsensus';
import { hourOfTracks } from './perfKit';
import { videoAgreesWith } from './videoAgreesWith';

describe('video consensus on an hour of video', () => {
  it('3 annotators × 20 tracks over 108,000 frames (1 h at 30 fps) runs (README gives the time)', { timeout: 600_000 }, () => {
    const submissions = hourOfTracks(3, 20);
    const started = performance.now();
    const result = formVideoConsensus(submissions);
    const consensusMs = performance.now() - started;
    const agreeStarted = performance.now();
    const agrees = submissions.map((s) => videoAgreesWith({ shapes: [], video: s.video }, result.labels));
    const agreeMs = performance.now() - agreeStarted;
    console.log(`video consensus, 3 × 20 tracks × 108,000 frames: formVideoConsensus ${Math.round(consensusMs)} ms, videoAgreesWith ×3 ${Math.round(agreeMs)} ms`);
    expect(result.status).toBe('accepted');
    expect(result.labels.video.tracks).toHaveLength(20);
    expect(result.trackClusters.every((c) => c.members.length === 3 && c.accepted)).toBe(true);
    expect(agrees).toEqual([true, true, true]);
  });
});
