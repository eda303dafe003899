import { IouTracker, type Detection } from '../../../native/tracking';
import type { FrameImage, VideoProbe } from '../../../native/video';
import { ServiceError } from '../../common/contract/errors';
import type { JobParams } from '../../common/services/jobsService';
import type { AutoTrackResult } from '../../common/services/videoService';
import type { EngineHolder } from '../inference/engineHolder';
import { createEta } from '../jobs/etaMessage';
import type { JobContext, JobHandler } from '../jobs/jobRunner';
import { sampledFrames } from './sampledFrames';
import type { VideoEngine, VideoRef } from './videoEngine';
import { forRenderer } from './videoErrors';
import { runVisualTrack } from './visualTrackJob';

type AutoTrackParams = Extract<JobParams, { kind: 'autotrack' }>;

/**
 * The 'autotrack' job, in one of two modes (see JobParams):
 * - 'visual' (no model; the default without a modelId): the visual tracker
 *   follows the box the user drew (visualTrackJob.ts);
 * - 'detector': the detector runs on every k-th frame between startFrame and
 *   endFrame (frames come from the host's frame server, the next one
 *   decoding while the detector runs on the current one), and the IoU +
 *   motion tracker links the detections into tracks whose keyframes are the
 *   detection frames. A frame that does not decode is skipped and counted as
 *   failed; cancel stops between frames.
 */
export function createAutotrackJob(videos: VideoEngine, engines: EngineHolder): JobHandler<AutoTrackParams> {
  return async (params, context) => {
    const { relPath, startFrame, endFrame } = params;
    const video = await videos.resolve(params.rootId, relPath);
    const probe = await videos.open(video);
    const last = probe.info.frameCount - 1;
    if (startFrame > endFrame) throw new ServiceError(`startFrame ${startFrame} is after endFrame ${endFrame}`);
    if (endFrame > last) throw new ServiceError(`endFrame ${endFrame} is past the last frame (${last}) of "${relPath}"`);
    const mode = params.tracker ?? (params.modelId ? 'detector' : 'visual');
    if (mode === 'visual') {
      try {
        return await runVisualTrack(probe, params, context);
      } catch (error) {
        throw forRenderer(error, video.file, video.relPath);
      }
    }
    return runDetectorTrack(videos, engines, video, probe, params, context);
  };
}

async function runDetectorTrack(videos: VideoEngine, engines: EngineHolder, video: VideoRef, probe: VideoProbe, params: AutoTrackParams, { signal, progress }: JobContext): Promise<AutoTrackResult> {
  const { modelId, thresholds, everyK, startFrame, endFrame } = params;
  if (!modelId || !thresholds) throw new ServiceError('The detector mode of auto-track needs a model and thresholds; without a model, use the visual tracker');
  const frames = sampledFrames(startFrame, endFrame, everyK);
  progress(0, frames.length, `loading model ${modelId}`);
  const engine = await engines.get();
  await engine.load(modelId);

  const tracker = new IouTracker();
  const eta = createEta(frames.length, 0);
  let failed = 0;
  const fetch = (i: number): Promise<FrameImage> | undefined => (i < frames.length ? videos.getFrame(video, probe, frames[i]!, 'forward') : undefined);
  let next = fetch(0);
  for (let i = 0; i < frames.length; i++) {
    signal.throwIfAborted();
    const image = await next!;
    next = fetch(i + 1);
    // Errors of a frame we no longer wait for (after a cancel) must not go unhandled.
    next?.catch(() => undefined);
    if (image.bytes) {
      const predicted = await engine.predictImage(modelId, image.bytes, thresholds);
      tracker.update({ frame: image.frame, detections: toVideoPixels(predicted.predictions, probe.width / predicted.width) });
    } else failed++;
    progress(i + 1, frames.length, eta(i + 1, failed), failed);
  }
  signal.throwIfAborted();
  return tracker.result();
}

/** Predictions are in the served frame's pixels; tracks are stored in the video's displayed pixels. */
function toVideoPixels(predictions: Detection[], scale: number): Detection[] {
  if (scale === 1) return predictions;
  return predictions.map((p) => ({ ...p, box: { x: p.box.x * scale, y: p.box.y * scale, w: p.box.w * scale, h: p.box.h * scale } }));
}
