import path from 'node:path';
import { VideoError } from '../errors';
import { resolveBinaries } from '../process/binaries';
import { lastLine, runTool } from '../process/runTool';
import type { VideoProbe } from '../types';
import { videoCacheKey } from './cacheKey';
import { readCachedIndex, writeCachedIndex } from './indexCache';
import { isVariableFrameRate, parsePacketCsv } from './packetIndex';
import { readStreamHeader, type StreamHeader } from './streamHeader';

export interface ProbeOptions {
  /** Where the index is cached (`<cacheDir>/index/<key>.json`); without it every probe runs ffprobe. */
  cacheDir?: string;
  signal?: AbortSignal;
}

/**
 * Probe a video and build its frame index (times + keyframes) from the
 * packet list. Throws VideoError with a message for the user on bad files.
 */
export async function probeVideo(file: string, options: ProbeOptions = {}): Promise<VideoProbe> {
  const { absolutePath, key } = await videoCacheKey(file);
  if (options.cacheDir) {
    const cached = await readCachedIndex(options.cacheDir, key);
    if (cached) return { ...cached, path: absolutePath, fromCache: true };
  }
  const { ffprobe } = resolveBinaries();
  const header = await readStreamHeader(ffprobe, absolutePath, options.signal);
  const listing = await runTool(
    ffprobe,
    ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts,dts,flags', '-of', 'csv=p=0', absolutePath],
    options.signal,
  );
  if (listing.code !== 0) {
    throw new VideoError('not-video', `Not a video file: ${path.basename(absolutePath)} (${lastLine(listing.stderr)})`);
  }
  const index = parsePacketCsv(listing.stdout);
  if (index.pts.length === 0) {
    throw new VideoError('zero-frames', `The video has no frames: ${path.basename(absolutePath)} has a video stream without a single frame`);
  }
  const probe = buildProbe(absolutePath, key, header, index.pts, index.keyframes);
  if (options.cacheDir) await writeCachedIndex(options.cacheDir, probe);
  return probe;
}

function buildProbe(absolutePath: string, cacheKey: string, header: StreamHeader, pts: number[], keyframes: number[]): VideoProbe {
  const tick = header.timeBase.num / header.timeBase.den;
  const frameTimes = pts.map((p) => round6(p * tick - header.startTime));
  const frameCount = pts.length;
  const lastStep = frameCount > 1 ? frameTimes[frameCount - 1]! - frameTimes[frameCount - 2]! : 1 / (header.avgFrameRate ?? 30);
  const durationSec = header.durationSec ?? frameTimes[frameCount - 1]! - frameTimes[0]! + lastStep;
  const rotation = clockwise(header.sideDataRotation);
  const sideways = rotation === 90 || rotation === 270;
  const warnings: string[] = [];
  if (header.declaredFrames !== null && header.declaredFrames > frameCount) {
    warnings.push(`truncated: the container declares ${header.declaredFrames} frames, ${frameCount} are present; the missing ones are shown as unreadable`);
  }
  return {
    path: absolutePath,
    width: sideways ? header.codedHeight : header.codedWidth,
    height: sideways ? header.codedWidth : header.codedHeight,
    codedWidth: header.codedWidth,
    codedHeight: header.codedHeight,
    info: {
      frameCount,
      fps: header.avgFrameRate ?? frameCount / durationSec,
      durationSec,
      variableFrameRate: isVariableFrameRate(pts),
      codec: header.codec,
      rotation,
    },
    keyframes: keyframes.length > 0 ? keyframes : [0],
    frameTimes,
    startTime: header.startTime,
    cacheKey,
    warnings,
    fromCache: false,
  };
}

/** ffprobe's display-matrix rotation is counter-clockwise and may be negative; VideoInfo wants clockwise 0/90/180/270. */
function clockwise(counterClockwise: number): number {
  const quarter = Math.round(counterClockwise / 90) * 90;
  return (((-quarter) % 360) + 360) % 360;
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
