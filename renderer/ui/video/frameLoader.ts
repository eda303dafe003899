import type { Host } from '../../platform/connectHost';
import { FrameCache } from './frameCache';

export type LoadedFrame = { frame: number; image: HTMLImageElement; url: string } | { frame: number; error: string };
export type Direction = 'forward' | 'backward' | 'none';

/** Frames kept decoded in the renderer (320×240 to 720p JPEGs: a few MB). */
const CACHE_FRAMES = 48;
/** Frames fetched ahead of the playhead in the direction of play. */
const PREFETCH = 3;

/**
 * Exact frames of one video from the host (`video.getFrame`, JPEG bytes) as
 * decoded <img> elements behind object URLs, with a small LRU and request
 * de-duplication. An undecodable frame comes back as an error, not a throw.
 */
export class FrameLoader {
  private readonly cache = new FrameCache<LoadedFrame>(CACHE_FRAMES, (f) => 'url' in f && URL.revokeObjectURL(f.url));
  private readonly inflight = new Map<number, Promise<LoadedFrame>>();
  private disposed = false;

  constructor(
    private readonly host: Host,
    private readonly rootId: string,
    private readonly relPath: string,
    private readonly frameCount: number,
  ) {}

  cached(frame: number): LoadedFrame | undefined {
    return this.cache.get(frame);
  }

  load(frame: number, direction: Direction): Promise<LoadedFrame> {
    const hit = this.cache.get(frame);
    const result = hit ? Promise.resolve(hit) : (this.inflight.get(frame) ?? this.fetch(frame, direction));
    if (direction !== 'none') void result.then(() => this.prefetch(frame, direction));
    return result;
  }

  dispose(): void {
    this.disposed = true;
    this.cache.clear();
  }

  private prefetch(frame: number, direction: Direction): void {
    const step = direction === 'forward' ? 1 : -1;
    for (let i = 1; i <= PREFETCH; i++) {
      const f = frame + step * i;
      if (f < 0 || f >= this.frameCount || this.cache.has(f) || this.inflight.has(f)) continue;
      void this.fetch(f, direction);
    }
  }

  private fetch(frame: number, direction: Direction): Promise<LoadedFrame> {
    const p = this.decode(frame, direction).then((loaded) => {
      this.inflight.delete(frame);
      if (this.disposed) {
        if ('url' in loaded) URL.revokeObjectURL(loaded.url);
      } else this.cache.set(frame, loaded);
      return loaded;
    });
    this.inflight.set(frame, p);
    return p;
  }

  private async decode(frame: number, direction: Direction): Promise<LoadedFrame> {
    try {
      const got = await this.host.video.getFrame({ rootId: this.rootId, relPath: this.relPath, frame, direction });
      if (!got.bytes) return { frame, error: got.error ?? 'the frame could not be decoded' };
      const url = URL.createObjectURL(new Blob([got.bytes as Uint8Array<ArrayBuffer>], { type: got.mime }));
      const image = new Image();
      image.src = url;
      try {
        await image.decode();
      } catch {
        URL.revokeObjectURL(url);
        return { frame, error: 'the frame image could not be decoded' };
      }
      return { frame, image, url };
    } catch (e) {
      return { frame, error: e instanceof Error ? e.message : String(e) };
    }
  }
}
