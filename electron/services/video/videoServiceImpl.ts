import type { ServiceImpl } from '../../common/contract/defineService';
import type { videoService } from '../../common/services/videoService';
import type { VideoEngine } from './videoEngine';

export function createVideoService(engine: VideoEngine): ServiceImpl<typeof videoService> {
  return {
    async probe({ rootId, relPath }) {
      const video = await engine.resolve(rootId, relPath);
      const probe = await engine.open(video);
      // The workbench probes the video it opens: its frame pack goes first (intake's, if any, is usually made by now).
      void engine.preparePack(video);
      return { width: probe.width, height: probe.height, info: probe.info, keyframes: probe.keyframes };
    },
    async getFrame({ rootId, relPath, frame, direction }) {
      // The server probes (or loads the cached index) itself on first use of a file.
      const image = await engine.getFrame(await engine.resolve(rootId, relPath), null, frame, direction);
      // The engine's JPEGs live in ordinary (never shared) ArrayBuffers; the schema's type says so.
      return { ...image, bytes: image.bytes as Uint8Array<ArrayBuffer> | null };
    },
  };
}
