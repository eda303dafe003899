import path from 'node:path';
import { VideoError, isVideoError } from '../errors';
import { readGrayFrames } from '../frames/grayFrames';
import { probeVideo } from '../probe/probeVideo';
import type { DetectShotsOptions, ShotsResult } from '../types';
import { decideBoundaries, DECISION_SCORE, scoresFromBoundaries } from './shotDecision';
import { EvidenceCollector } from './shotEvidence';
import { segmentsFromScores } from './segmentsFromScores';

/** Progress events at most this often: the host forwards each one to the renderer. */
const PROGRESS_INTERVAL_MS = 200;
/** Frames are decoded at this width (gray): shot changes show at any size, and small frames decode and compare fast. */
export const ANALYSIS_WIDTH = 160;

/**
 * One pass over the video (one ffmpeg process decoding 160-px gray frames,
 * compared in this process as they arrive; only the last few dozen are
 * kept), then a decision over the whole pass: hard cuts, and gradual
 * transitions (dissolves, fades) placed at their middle. Every frame gets a
 * score: 0, or the confidence that a shot starts there (DECISION_SCORE = the
 * default threshold at the detector's tuned operating point), so the
 * renderer can re-threshold without another pass.
 */
export async function detectShots(file: string, options: DetectShotsOptions = {}): Promise<ShotsResult> {
  const threshold = options.threshold ?? DECISION_SCORE;
  const probe = options.probe ?? (await probeVideo(file, { cacheDir: options.cacheDir, signal: options.signal }));
  const total = probe.info.frameCount;
  let done = 0;
  let lastReport = 0;
  const report = (force: boolean) => {
    const now = Date.now();
    if (!force && now - lastReport < PROGRESS_INTERVAL_MS) return;
    lastReport = now;
    options.onProgress?.({ done: Math.min(done, total), total });
  };
  if (options.signal?.aborted) throw cancelled();
  const collector = new EvidenceCollector(total);
  try {
    for await (const frame of readGrayFrames(probe, { start: 0, end: total - 1, outputWidth: ANALYSIS_WIDTH, signal: options.signal })) {
      collector.push(frame.frame, frame.pixels, frame.width, frame.height);
      done = frame.frame + 1;
      report(false);
    }
  } catch (error) {
    if (options.signal?.aborted || (isVideoError(error) && error.code === 'cancelled')) throw cancelled();
    if (isVideoError(error) && error.code === 'ffmpeg-failed') throw new VideoError('ffmpeg-failed', `Shot detection failed on ${path.basename(probe.path)}: ${error.message}`);
    throw error;
  }
  if (options.signal?.aborted) throw cancelled();
  done = total;
  report(true);
  const scores = scoresFromBoundaries(total, decideBoundaries(collector.evidence));
  return { segments: segmentsFromScores(scores, threshold), scores };
}

function cancelled(): VideoError {
  return new VideoError('cancelled', 'Shot detection was cancelled');
}
