import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import type { VideoProbe } from '../types';
import type { DecodedFrame } from './decodeWindow';
import { jpegSize } from './jpegSplitter';

/** Bump when the layout or its meaning changes; older packs are then refused and rebuilt. */
export const PACK_FORMAT = 2;

/**
 * The index of a frame pack: where each frame's JPEG lies in the data file.
 * A frame the decoder did not produce (damaged data) has offset -1 and is
 * left to the ffmpeg-from-keyframe fallback.
 */
export interface FramePackIndex {
  format: number;
  /** The video version (path + size + mtime) the pack was decoded from. */
  cacheKey: string;
  /** Output width and JPEG quality: a pack serves only the variant it was made for. */
  variant: string;
  frameCount: number;
  offsets: number[];
  lengths: number[];
  /** CRC-32 of each frame's JPEG, checked on every read: a frame damaged on disk is decoded instead, never served. */
  crc32: number[];
  dataBytes: number;
  /**
   * The video file (videoIdentity: device, inode, ctime) whose sample frames
   * this pack matched (packCheck.ts). A pack reopened for the same file is
   * ready at once; for any other, even with the same cache key, it is
   * checked again. Every frame read is checked against its CRC.
   */
  checkedAgainst?: string;
}

export interface PackFiles {
  data: string;
  index: string;
}

export function packFiles(dir: string, cacheKey: string, variant: string): PackFiles {
  const base = path.join(dir, `${cacheKey}-${variant}`);
  return { data: `${base}.frames`, index: `${base}.json` };
}

/**
 * Why this index cannot belong to this video (null when it can): the
 * structural half of a pack's check; the pixel half is samplesMatch.
 */
export function indexMismatch(index: FramePackIndex, probe: VideoProbe, variant: string, dataFileBytes: number): string | null {
  if (index.format !== PACK_FORMAT) return `pack format ${String(index.format)}, expected ${PACK_FORMAT}`;
  if (index.cacheKey !== probe.cacheKey) return 'the pack was made from another version of the file';
  if (index.variant !== variant) return `the pack is for output ${index.variant}, not ${variant}`;
  const count = probe.info.frameCount;
  if (index.frameCount !== count || index.offsets?.length !== count || index.lengths?.length !== count) {
    return `the pack lists ${index.offsets?.length ?? 0} frames, the video has ${count}`;
  }
  if (index.crc32?.length !== count) return `the pack has ${index.crc32?.length ?? 0} frame checksums for ${count} frames`;
  if (dataFileBytes !== index.dataBytes) return `the pack's data is ${dataFileBytes} bytes, its index says ${index.dataBytes}`;
  let present = 0;
  let end = 0;
  for (let n = 0; n < count; n++) {
    const offset = index.offsets[n]!;
    const length = index.lengths[n]!;
    if (offset === -1) continue;
    // Frames lie in order, back to back: anything else is not a pack we wrote.
    if (!Number.isInteger(offset) || !Number.isInteger(length) || offset !== end || length <= 0) return `frame ${n} lies outside the pack's data`;
    if (!Number.isInteger(index.crc32[n])) return `frame ${n} has no checksum`;
    end = offset + length;
    present++;
  }
  if (end !== index.dataBytes) return 'the pack has data no frame points to';
  if (present === 0) return 'the pack holds no frame';
  return null;
}

/** A checked pack, open for reading: one read per frame. */
export class FramePack {
  private constructor(
    private readonly handle: fs.FileHandle,
    private index: FramePackIndex,
    private readonly files: PackFiles,
  ) {}

  /** A frame read whole whose bytes are not what the build wrote (checksum or JPEG): the pack on disk is damaged. */
  damaged = false;

  /** Whether sample frames of this pack matched a decode of this very file (packCheck.ts videoIdentity). */
  wasCheckedAgainst(identity: string): boolean {
    return this.index.checkedAgainst === identity;
  }

  /**
   * Record that the samples matched the file `identity` (index rewritten
   * whole, then renamed over the old one). Skipped when the data file on
   * disk is no longer the one open here (another process removed or made
   * the pack again meanwhile): its index must not be this one.
   */
  async markChecked(identity: string): Promise<void> {
    const [open, onDisk] = await Promise.all([this.handle.stat(), fs.stat(this.files.data).catch(() => null)]);
    if (!onDisk || onDisk.ino !== open.ino || onDisk.dev !== open.dev) return;
    const index: FramePackIndex = { ...this.index, checkedAgainst: identity };
    const temp = `${this.files.index}.${randomUUID()}.tmp`;
    try {
      await fs.writeFile(temp, JSON.stringify(index));
      await fs.rename(temp, this.files.index);
    } finally {
      await fs.rm(temp, { force: true });
    }
    this.index = index;
  }

  /** Open the pack at `files` when its index fits the video; null when there is none; a reason string when there is one that does not fit. */
  static async open(files: PackFiles, probe: VideoProbe, variant: string): Promise<FramePack | null | string> {
    let index: FramePackIndex;
    try {
      index = JSON.parse(await fs.readFile(files.index, 'utf8')) as FramePackIndex;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      return `the pack's index is unreadable (${(error as Error).message})`;
    }
    if (typeof index !== 'object' || index === null || !Array.isArray(index.offsets) || !Array.isArray(index.lengths)) return 'the pack\'s index is not a frame pack index';
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(files.data, 'r');
    } catch (error) {
      return `the pack's data is missing (${(error as Error).message})`;
    }
    const mismatch = indexMismatch(index, probe, variant, (await handle.stat()).size);
    if (mismatch) {
      await handle.close();
      return mismatch;
    }
    return new FramePack(handle, index, files);
  }

  has(n: number): boolean {
    return (this.index.offsets[n] ?? -1) >= 0;
  }

  /** Frames the pack holds, ascending. */
  presentFrames(): number[] {
    return this.index.offsets.flatMap((offset, n) => (offset >= 0 ? [n] : []));
  }

  /** Frame n's JPEG; null when the pack lacks it or cannot be read (closed meanwhile, disk error, checksum differs: `damaged`): the caller decodes instead. */
  async read(n: number): Promise<DecodedFrame | null> {
    if (!this.has(n)) return null;
    const bytes = Buffer.alloc(this.index.lengths[n]!);
    const bytesRead = await this.handle.read(bytes, 0, bytes.length, this.index.offsets[n]!).then((r) => r.bytesRead, () => -1);
    // A failed or short read (closed meanwhile, disk error) says nothing of the bytes on disk; a whole read that differs does.
    if (bytesRead !== bytes.length) return null;
    const size = crc32(bytes) === this.index.crc32[n] ? jpegSize(bytes) : { width: 0, height: 0 };
    if (size.width > 0) return { bytes, ...size };
    this.damaged = true;
    return null;
  }

  close(): Promise<void> {
    return this.handle.close().catch(() => undefined);
  }
}
