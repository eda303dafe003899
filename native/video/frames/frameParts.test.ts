import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { ByteLru } from './frameLru';
import { JpegSplitter, jpegSize } from './jpegSplitter';
import { frameAtTime, seekTimeFor } from './seekTime';
import { isVariableFrameRate, parsePacketCsv } from '../probe/packetIndex';

describe('JpegSplitter', () => {
  it('splits a stream of JPEGs at any chunk boundary', async () => {
    const images = await Promise.all(
      [10, 20, 30].map((v) => sharp({ create: { width: 16 + v, height: 8, channels: 3, background: { r: v, g: 0, b: 0 } } }).jpeg().toBuffer()),
    );
    const stream = Buffer.concat(images);
    for (const chunkSize of [1, 2, 7, 64, stream.length]) {
      const splitter = new JpegSplitter();
      const out: Buffer[] = [];
      for (let i = 0; i < stream.length; i += chunkSize) out.push(...splitter.push(stream.subarray(i, i + chunkSize)));
      expect(out.map((b) => b.equals(images[out.indexOf(b)]!))).toEqual([true, true, true]);
    }
    expect(jpegSize(images[1]!)).toEqual({ width: 36, height: 8 });
  });
});

describe('ByteLru', () => {
  const entry = (size: number) => ({ bytes: new Uint8Array(size) });
  it('evicts the least recently used entries to stay under the byte cap', () => {
    const lru = new ByteLru(3 * (1000 + 128));
    lru.set('a', entry(1000));
    lru.set('b', entry(1000));
    lru.set('c', entry(1000));
    lru.get('a');
    lru.set('d', entry(1000));
    expect(['a', 'b', 'c', 'd'].map((k) => lru.has(k))).toEqual([true, false, true, true]);
    expect(lru.bytes).toBe(3 * 1128);
    lru.set('huge', entry(10_000));
    expect(lru.has('huge')).toBe(false);
    expect(lru.size).toBe(3);
  });
});

describe('frame times', () => {
  const times = [0, 1 / 30, 2 / 30, 4 / 30, 6 / 30];
  it('seeks to the midpoint before the frame (and before frame 0)', () => {
    expect(seekTimeFor(times, 3)).toBeCloseTo(3 / 30, 9);
    expect(seekTimeFor(times, 0)).toBe(0);
  });
  it('maps a timestamp to its frame, or -1 when it is between frames', () => {
    expect(frameAtTime(times, 4 / 30 + 0.001)).toBe(3);
    expect(frameAtTime(times, 0.034)).toBe(1);
    expect(frameAtTime([0, 1, 2, 10], 6)).toBe(-1);
    expect(frameAtTime(times, 9)).toBe(-1);
  });
});

describe('packet index', () => {
  it('sorts packets from decode order into presentation order and finds keyframes', () => {
    const index = parsePacketCsv('0,-1024,K__\n2048,-512,___\n512,0,___\n1024,512,___\n1536,1024,___\n2560,1536,K__\n');
    expect(index.pts).toEqual([0, 512, 1024, 1536, 2048, 2560]);
    expect(index.keyframes).toEqual([0, 5]);
    expect(isVariableFrameRate(index.pts)).toBe(false);
  });
  it('tells VFR from one tick of rounding jitter', () => {
    expect(isVariableFrameRate([0, 33, 67, 100, 133])).toBe(false);
    expect(isVariableFrameRate([0, 33, 67, 133, 200])).toBe(true);
  });
});
