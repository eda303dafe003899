import { detectShots } from '../../../native/video';
import type { JobParams } from '../../common/services/jobsService';
import type { ShotsResult } from '../../common/services/videoService';
import { createEta } from '../jobs/etaMessage';
import type { JobHandler } from '../jobs/jobRunner';
import type { VideoEngine } from './videoEngine';
import { forRenderer } from './videoErrors';

type ShotsParams = Extract<JobParams, { kind: 'shots' }>;

/**
 * The 'shots' job: one scene-change pass over the whole video in an ffmpeg
 * process (cancel kills it), progress in frames. The result keeps every
 * frame's score so the renderer can move the threshold without another pass.
 */
export function createShotsJob(videos: VideoEngine): JobHandler<ShotsParams> {
  return async ({ rootId, relPath, threshold }, { signal, progress }) => {
    const video = await videos.resolve(rootId, relPath);
    const probe = await videos.open(video);
    const total = probe.info.frameCount;
    const eta = createEta(total, 0);
    progress(0, total, `finding shots in ${relPath}`);
    try {
      const result: ShotsResult = await detectShots(video.file, {
        threshold,
        signal,
        probe,
        cacheDir: videos.cacheDir,
        onProgress: ({ done }) => progress(Math.min(done, total), total, eta(Math.min(done, total), 0)),
      });
      progress(total, total, `${result.segments.length} shots`);
      return result;
    } catch (error) {
      throw forRenderer(error, video.file, relPath);
    }
  };
}
