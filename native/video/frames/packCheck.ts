import fs from 'node:fs/promises';
import { VideoError } from '../errors';
import type { VideoProbe } from '../types';
import { DecodeWindow, type DecodedFrame } from './decodeWindow';
import type { FramePack } from './framePack';
import { sampleFrames, sampleMismatch } from './packSamples';

export interface SampleDecoder {
  ffmpeg: string;
  outputWidth?: number;
  jpegQuality: number;
  niceness: number;
}

/**
 * The video file as the file system knows it: device, inode and change
 * time. A pack is checked against the pixels of one such file; a file put
 * in its place (even with the same path, size and mtime: `cp -p`,
 * `touch -r`, a camera's preallocated clip) has another inode or ctime,
 * and ctime cannot be set back with utimes, so its pack is checked again.
 */
export async function videoIdentity(file: string): Promise<string> {
  // bigint: inode numbers past 2^53 (NTFS) stay exact; ctime in nanoseconds.
  const stat = await fs.stat(file, { bigint: true });
  return `${stat.dev}:${stat.ino}:${stat.ctimeNs}`;
}

/** Compare sample frames with a fresh ffmpeg-from-keyframe decode of the original; the first difference, or null. */
export async function checkSamples(pack: FramePack, probe: VideoProbe, decoder: SampleDecoder, signal: AbortSignal): Promise<string | null> {
  let compared = 0;
  for (const n of sampleFrames(pack.presentFrames(), probe.cacheKey)) {
    if (signal.aborted) throw new VideoError('cancelled', 'The frame pack was cancelled');
    const decoded = await decodeOne(probe, n, decoder, signal);
    const mismatch = await sampleMismatch(n, await pack.read(n), decoded);
    if (mismatch) return `the frame pack does not match the video: ${mismatch}`;
    if (decoded) compared++;
  }
  if (signal.aborted) throw new VideoError('cancelled', 'The frame pack was cancelled');
  return compared > 0 ? null : 'none of the sample frames decodes from the original, so the pack cannot be checked';
}

async function decodeOne(probe: VideoProbe, n: number, decoder: SampleDecoder, signal: AbortSignal): Promise<DecodedFrame | null> {
  let frame: DecodedFrame | null = null;
  const window = new DecodeWindow({
    ...decoder,
    probe,
    start: n,
    end: n,
    onFrame: (m, decoded) => {
      if (m === n) frame = decoded;
    },
  });
  // Release or close: the check's ffmpeg stops with it.
  const stop = () => window.kill('the frame pack was cancelled');
  signal.addEventListener('abort', stop, { once: true });
  try {
    await window.done;
  } finally {
    signal.removeEventListener('abort', stop);
  }
  return frame;
}
