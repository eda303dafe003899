import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { VideoError } from '../errors';
import { videoCacheKey } from '../probe/cacheKey';
import type { VideoProbe } from '../types';
import { DecodeWindow } from './decodeWindow';
import { PACK_FORMAT, type FramePackIndex, type PackFiles } from './framePack';

export interface BuildPackSpec {
  ffmpeg: string;
  probe: VideoProbe;
  files: PackFiles;
  variant: string;
  outputWidth?: number;
  jpegQuality: number;
  /** CPU niceness of the decode (19: only what interactive work leaves). */
  niceness: number;
  signal?: AbortSignal;
}

/**
 * Decode the whole video once, in order, at low CPU priority, and
 * store every frame as the JPEG the frame server would serve (same ffmpeg
 * arguments as a decode window, same showinfo matching). Written to temp
 * files and renamed, index last: an index on disk means a complete pack.
 * Throws VideoError 'cancelled' when the signal fires, 'ffmpeg-failed' when
 * no frame came out or the file changed meanwhile; leaves nothing behind.
 */
export async function buildFramePack(spec: BuildPackSpec): Promise<void> {
  const { probe, files } = spec;
  const count = probe.info.frameCount;
  const tag = `${randomUUID()}.tmp`;
  const tempData = `${files.data}.${tag}`;
  const tempIndex = `${files.index}.${tag}`;
  const offsets = new Array<number>(count).fill(-1);
  const lengths = new Array<number>(count).fill(0);
  const checksums = new Array<number>(count).fill(0);
  let written = 0;
  // Cancelled while it waited its turn: an abort that already fired never calls the listener below.
  if (spec.signal?.aborted) throw new VideoError('cancelled', 'The frame pack was cancelled');
  const out = fs.createWriteStream(tempData);
  let writeError = null as Error | null;
  const outDone = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('close', () => (writeError ? reject(writeError) : resolve()));
  });
  outDone.catch(() => undefined); // awaited below; a write error must not go unhandled before that
  const window = new DecodeWindow({
    ffmpeg: spec.ffmpeg,
    probe,
    start: 0,
    end: count - 1,
    outputWidth: spec.outputWidth,
    jpegQuality: spec.jpegQuality,
    niceness: spec.niceness,
    onFrame: (n, frame) => {
      offsets[n] = written;
      lengths[n] = frame.bytes.length;
      checksums[n] = crc32(frame.bytes);
      written += frame.bytes.length;
      out.write(frame.bytes);
    },
  });
  // Disk full or gone: stop decoding for nothing; the error is thrown below.
  out.on('error', (error) => {
    writeError = error;
    window.kill('the frame pack could not be written');
  });
  const stop = () => window.kill('the frame pack was cancelled');
  spec.signal?.addEventListener('abort', stop, { once: true });
  try {
    await window.done;
    out.end();
    await outDone.catch(() => undefined); // a write error is in writeError
    if (writeError) throw new VideoError('ffmpeg-failed', `The frame pack of ${probe.path} could not be written: ${writeError.message}`);
    if (window.wasKilled) throw new VideoError('cancelled', 'The frame pack was cancelled');
    if (written === 0) {
      throw new VideoError('ffmpeg-failed', `No frame of ${probe.path} decoded for the frame pack (exit ${window.exitCode}): ${window.lastDecodeError ?? 'no message'}`);
    }
    if ((await videoCacheKey(probe.path)).key !== probe.cacheKey) throw new VideoError('ffmpeg-failed', `${probe.path} changed while its frame pack was made`);
    const index: FramePackIndex = { format: PACK_FORMAT, cacheKey: probe.cacheKey, variant: spec.variant, frameCount: count, offsets, lengths, crc32: checksums, dataBytes: written };
    await fsp.writeFile(tempIndex, JSON.stringify(index));
    await fsp.rename(tempData, files.data);
    await fsp.rename(tempIndex, files.index);
  } catch (error) {
    out.destroy();
    await Promise.all([fsp.rm(tempData, { force: true }), fsp.rm(tempIndex, { force: true })]);
    throw error;
  } finally {
    spec.signal?.removeEventListener('abort', stop);
  }
}
