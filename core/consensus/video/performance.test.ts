import { describe, expect, it } from 'vitest';
import { formVideoConsensus } from './formVideoConsensus';
import { hourOfTracks } from './perfKit';
import { videoAgreesWith } from './videoAgreesWith';

describe('video consensus on an hour of video', () => {
  it('3 annotators × 20 tracks over 108,000 frames (1 h at 30 fps) runs (README gives the time)', { timeout: 600_000 }, () => {
    const submissions = hourOfTracks(3, 20);
    // Wall time and this process's CPU time (the latter is what a busy CI machine does not inflate).
    const cpuMs = (since: NodeJS.CpuUsage) => {
      const u = process.cpuUsage(since);
      return Math.round((u.user + u.system) / 1000);
    };
    const started = performance.now();
    const cpu = process.cpuUsage();
    const result = formVideoConsensus(submissions);
    const consensusMs = performance.now() - started;
    const consensusCpu = cpuMs(cpu);
    const agreeStarted = performance.now();
    const agreeCpu = process.cpuUsage();
    const agrees = videoAgreesWith({ shapes: [], video: submissions[0]!.video }, result.labels);
    const agreeMs = performance.now() - agreeStarted;
    console.log(
      `video consensus, 3 × 20 tracks × 108,000 frames: formVideoConsensus ${Math.round(consensusMs)} ms wall / ${consensusCpu} ms CPU, videoAgreesWith ${Math.round(agreeMs)} ms wall / ${cpuMs(agreeCpu)} ms CPU`,
    );
    expect(result.status).toBe('accepted');
    expect(result.labels.video.tracks).toHaveLength(20);
    expect(result.trackClusters.every((c) => c.members.length === 3 && c.accepted)).toBe(true);
    expect(agrees).toBe(true);
  });
});
