import { BoxFollower } from '../../../native/tracking';
import { readGrayFrames, type VideoProbe } from '../../../native/video';
import type { Box } from '../../../core/model/shape';
import { ServiceError } from '../../common/contract/errors';
import type { JobParams } from '../../common/services/jobsService';
import type { AutoTrackResult } from '../../common/services/videoService';
import { createEta } from '../jobs/etaMessage';
import type { JobContext } from '../jobs/jobRunner';

type AutoTrackParams = Extract<JobParams, { kind: 'autotrack' }>;

/** Frames wider than this are tracked downscaled: the tracker works on a 64×64 patch anyway, and 4K gray frames would only cost decode time. */
const MAX_TRACK_WIDTH = 1280;

/**
 * Auto-track without a model: the MOSSE tracker (native/tracking) follows
 * the box the user drew on startFrame through startFrame…endFrame, over raw
 * gray frames decoded by one ffmpeg process. Keyframes every `everyK`
 * frames; when the tracker loses the object (hidden, gone) the track ends
 * there (`endFrame`, stored as an outside keyframe) and the job stops early
 * instead of following noise. Progress counts frames; cancel kills ffmpeg.
 */
export async function runVisualTrack(probe: VideoProbe, params: AutoTrackParams, { signal, progress }: Pick<JobContext, 'signal' | 'progress'>): Promise<AutoTrackResult> {
  const { target, everyK, startFrame, endFrame } = params;
  if (!target) throw new ServiceError('The visual tracker needs the box to follow: select a box on the start frame');
  const { box } = target;
  if (!(box.w >= 4 && box.h >= 4)) throw new ServiceError(`The box to follow is too small to track (${box.w.toFixed(0)}×${box.h.toFixed(0)} px; at least 4×4)`);
  const width = Math.min(probe.width, MAX_TRACK_WIDTH);
  const scale = width / probe.width;
  const total = endFrame - startFrame;
  progress(0, total, 'starting the visual tracker');
  const eta = createEta(total, 0);

  let follower: BoxFollower | null = null;
  for await (const frame of readGrayFrames(probe, { start: startFrame, end: endFrame, outputWidth: width, signal })) {
    if (!follower) {
      // The first frame decoded is the start frame unless it is damaged; the drawn box belongs to startFrame only.
      if (frame.frame !== startFrame) throw new ServiceError(`Frame ${startFrame} could not be decoded, so there is nothing to start tracking from`);
      follower = new BoxFollower(target.className, startFrame, frame, scaled(box, scale), { everyK });
      continue;
    }
    follower.push(frame.frame, frame);
    const done = frame.frame - startFrame;
    progress(done, total, eta(done, 0));
    if (follower.ended) break;
  }
  signal.throwIfAborted();
  if (!follower) throw new ServiceError(`Frame ${startFrame} could not be decoded, so there is nothing to start tracking from`);
  progress(total, total, follower.ended ? 'object lost: the track ends there' : 'done');
  const track = follower.result();
  return { tracks: [{ ...track, keyframes: track.keyframes.map((k) => ({ ...k, box: scaled(k.box, 1 / scale) })) }] };
}

/** Video pixels ↔ tracked-frame pixels. */
function scaled(box: Box, factor: number): Box {
  if (factor === 1) return box;
  return { x: box.x * factor, y: box.y * factor, w: box.w * factor, h: box.h * factor };
}
