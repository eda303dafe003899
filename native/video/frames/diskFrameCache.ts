import fs from 'node:fs/promises';
import path from 'node:path';
import type { DecodedFrame } from './decodeWindow';
import { jpegSize } from './jpegSplitter';

/**
 * Decoded JPEGs on disk, one file per frame under
 * `<root>/<video cache key>-<variant>/<n>.jpg`, so reopening a video (or a
 * frame evicted from memory) costs a file read instead of a decode.
 * Best effort: a failed write only means a later decode.
 */
export class DiskFrameCache {
  private readonly folders = new Map<string, Promise<unknown>>();
  private writes = 0;

  constructor(
    private readonly root: string,
    /** Distinguishes output variants (width, quality) of the same video. */
    private readonly variant: string,
  ) {}

  async read(videoKey: string, n: number): Promise<DecodedFrame | null> {
    try {
      const bytes = await fs.readFile(this.fileFor(videoKey, n));
      const size = jpegSize(bytes);
      return size.width > 0 ? { bytes, ...size } : null;
    } catch {
      return null;
    }
  }

  write(videoKey: string, n: number, frame: DecodedFrame): void {
    const folder = this.folderFor(videoKey);
    let ready = this.folders.get(folder);
    if (!ready) {
      ready = fs.mkdir(folder, { recursive: true });
      this.folders.set(folder, ready);
    }
    const target = this.fileFor(videoKey, n);
    const temp = `${target}.${process.pid}-${this.writes++}.tmp`;
    // Temp + rename: a reader never sees half a JPEG.
    void ready
      .then(() => fs.writeFile(temp, frame.bytes))
      .then(() => fs.rename(temp, target))
      .catch(() => undefined);
  }

  private folderFor(videoKey: string): string {
    return path.join(this.root, `${videoKey}-${this.variant}`);
  }

  private fileFor(videoKey: string, n: number): string {
    return path.join(this.folderFor(videoKey), `${n}.jpg`);
  }
}
