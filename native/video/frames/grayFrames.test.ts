import { describe, expect, it } from 'vitest';
import { probeVideo } from '../probe/probeVideo';
import { fixture, PATTERN_WIDTH } from '../testSupport/fixtures';
import { readGrayFrameIndex } from '../testSupport/indexPattern';
import { readGrayFrames, type GrayFrame } from './grayFrames';

async function collect(frames: AsyncIterable<GrayFrame>): Promise<GrayFrame[]> {
  const out: GrayFrame[] = [];
  for await (const f of frames) out.push(f);
  return out;
}

describe('readGrayFrames', () => {
  it('yields exactly frames k…k+N as raw gray, from the middle of a GOP of a B-frame video', async () => {
    const probe = await probeVideo(await fixture('bframes'));
    const frames = await collect(readGrayFrames(probe, { start: 37, end: 71 }));
    expect(frames.map((f) => f.frame)).toEqual(Array.from({ length: 35 }, (_, i) => 37 + i));
    for (const f of frames) {
      expect(f.pixels.length).toBe(320 * 240);
      expect(readGrayFrameIndex(f, PATTERN_WIDTH)).toBe(f.frame);
    }
  });

  it('scales to a given width and is exact on a VFR video too', async () => {
    const probe = await probeVideo(await fixture('vfr'));
    const frames = await collect(readGrayFrames(probe, { start: 55, end: 65, outputWidth: 160 }));
    expect(frames.map((f) => f.frame)).toEqual(Array.from({ length: 11 }, (_, i) => 55 + i));
    expect(frames[0]).toMatchObject({ width: 160, height: 120 });
    for (const f of frames) expect(readGrayFrameIndex(f, PATTERN_WIDTH)).toBe(f.frame);
  });

  it('stops when the consumer stops early or the signal aborts, and refuses a range past the end', async () => {
    const probe = await probeVideo(await fixture('cfr'));
    const seen: number[] = [];
    for await (const f of readGrayFrames(probe, { start: 0, end: 299 })) {
      seen.push(f.frame);
      if (f.frame === 4) break;
    }
    expect(seen).toEqual([0, 1, 2, 3, 4]);

    const controller = new AbortController();
    const aborted = (async () => {
      for await (const f of readGrayFrames(probe, { start: 0, end: 299, signal: controller.signal })) if (f.frame === 2) controller.abort();
    })();
    await expect(aborted).rejects.toMatchObject({ code: 'cancelled' });
    await expect(collect(readGrayFrames(probe, { start: 290, end: 300 }))).rejects.toMatchObject({ code: 'frame-out-of-range' });
  });
});
