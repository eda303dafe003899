import path from 'node:path';
import { createFrameServer, type FrameImage, type FrameServer, type PackStatus, type PlayDirection, type VideoProbe } from '../../../native/video';
import { resolveMediaPath } from '../media/resolveMediaPath';
import { engineFrameOptions } from './frameServerOptions';
import type { RootStore } from '../media/rootStore';
import { forRenderer, namedByRelPath } from './videoErrors';

export interface VideoEngineOptions {
  dataDir: string;
  roots: RootStore;
  /** Memory cap of the decoded-frame LRU (see frameCacheCap.ts for the default). */
  memoryCapBytes: number;
}

/** A video file inside a granted root: its real path for the engine, its relative path for messages. */
export interface VideoRef {
  file: string;
  relPath: string;
}

/**
 * The host's one frame server (a single memory cap across every video and
 * every caller: the video service, intake and the jobs) plus the media
 * resolver's rules for video paths. The server is made on first use.
 */
export function createVideoEngine(options: VideoEngineOptions) {
  const cacheDir = path.join(options.dataDir, 'cache', 'video');
  let server: FrameServer | null = null;
  let closed = false;
  const frames = (): FrameServer => {
    if (closed) throw new Error('the video engine has been shut down');
    return (server ??= createFrameServer({ ...engineFrameOptions(), cacheDir, memoryCapBytes: options.memoryCapBytes }));
  };

  /** A pack request's outcome, never a rejection: a video without a pack is served by decoding. */
  const packOutcome = (video: VideoRef, request: (server: FrameServer) => Promise<PackStatus>): Promise<PackStatus> => {
    try {
      return request(frames()).catch((error: unknown) => ({ state: 'refused' as const, reason: namedByRelPath((error as Error).message, video.file, video.relPath) }));
    } catch (error) {
      return Promise.resolve({ state: 'refused', reason: (error as Error).message });
    }
  };

  return {
    cacheDir,
    /** Through the media resolver: relative, inside the root after symlinks, a video extension. */
    async resolve(rootId: string, relPath: string): Promise<VideoRef> {
      const rootPath = await options.roots.pathOf(rootId);
      return { file: (await resolveMediaPath(rootPath, relPath, 'video')).file, relPath };
    },
    /** Probe (or the cached index); bad videos reject with a VideoServiceError naming the relative path. */
    async open(video: VideoRef): Promise<VideoProbe> {
      try {
        return await frames().open(video.file);
      } catch (error) {
        throw forRenderer(error, video.file, video.relPath);
      }
    },
    /**
     * Start making the video's frame pack in the background (a user opened it: cold jumps and
     * steps become one file read once it is ready and checked). Never rejects: a video without
     * a pack is served by decoding, as before.
     */
    preparePack(video: VideoRef): Promise<PackStatus> {
      return packOutcome(video, (server) => server.preparePack(video.file));
    },
    /**
     * Intake met this video (a granted folder, a hub task's download): make its frame pack
     * after every opened video's, in free room only, so it is ready when someone opens it.
     * Never rejects; the outcome is for tests and logs.
     */
    preparePackForLater(video: VideoRef): Promise<PackStatus> {
      return packOutcome(video, (server) => server.preparePackForLater(video.file));
    },
    /** Exactly frame n; an undecodable frame resolves with bytes null and the reason. */
    async getFrame(video: VideoRef, probe: VideoProbe | null, n: number, direction: PlayDirection = 'none'): Promise<FrameImage> {
      try {
        const image = await frames().getFrame(probe ?? video.file, n, direction);
        return image.error === undefined ? image : { ...image, error: namedByRelPath(image.error, video.file, video.relPath) };
      } catch (error) {
        throw forRenderer(error, video.file, video.relPath);
      }
    },
    /** No decode, pack build or check running (tests; packs made for later can take long). */
    async whenIdle(): Promise<void> {
      await server?.whenIdle();
    },
    async dispose(): Promise<void> {
      closed = true;
      await server?.close();
    },
  };
}

export type VideoEngine = ReturnType<typeof createVideoEngine>;
