import sharp from 'sharp';
import type { IntakeReport } from '../../common/services/intake';
import type { VideoRef, VideoEngine } from '../video/videoEngine';
import { VideoServiceError } from '../video/videoErrors';
import { dHashOf } from './dHash';
import { sha256OfFile } from './hashFile';

export type InspectOutcome = ({ ok: true } & Omit<IntakeReport['accepted'][number], 'relPath'>) | { ok: false; reason: string };

/**
 * Intake of one video: probed, not decoded whole (the probe reads the packet
 * index, which is exact and fast). Its perceptual hash comes from a middle
 * frame, so two copies of a clip are flagged like duplicate images; when the
 * middle frame does not decode, the first frame stands in.
 */
export async function inspectVideo(engine: VideoEngine, video: VideoRef, size: number, signal?: AbortSignal): Promise<InspectOutcome> {
  let probe;
  try {
    probe = await engine.open(video);
  } catch (error) {
    if (error instanceof VideoServiceError) return { ok: false, reason: error.message };
    throw error;
  }
  const sha256 = await sha256OfFile(video.file, signal);
  const middle = Math.floor(probe.info.frameCount / 2);
  let frame = await engine.getFrame(video, probe, middle);
  if (!frame.bytes && middle > 0) frame = await engine.getFrame(video, probe, 0);
  if (!frame.bytes) return { ok: false, reason: `no frame of "${video.relPath}" could be decoded (${frame.error ?? 'unknown error'})` };
  const thumb = await sharp(frame.bytes).greyscale().resize(9, 8, { fit: 'fill' }).raw().toBuffer();
  return { ok: true, width: probe.width, height: probe.height, sha256, phash: dHashOf(thumb.subarray(0, 72)), bytes: size, kind: 'video', video: probe.info };
}
