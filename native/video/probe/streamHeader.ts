import fs from 'node:fs/promises';
import path from 'node:path';
import { VideoError } from '../errors';
import { lastLine, runTool } from '../process/runTool';

/** The fields of ffprobe's header answer we use (2023 ffprobe: rotation lives in side_data_list). */
export interface StreamHeader {
  codec: string;
  codedWidth: number;
  codedHeight: number;
  /** ffprobe's rotation: counter-clockwise degrees, may be negative. */
  sideDataRotation: number;
  avgFrameRate: number | null;
  /** The container's own frame count, when it states one (used to spot truncation). */
  declaredFrames: number | null;
  durationSec: number | null;
  startTime: number;
  timeBase: { num: number; den: number };
}

interface FfprobeStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  nb_frames?: string;
  duration?: string;
  time_base?: string;
  side_data_list?: { rotation?: number }[];
}
interface FfprobeAnswer {
  streams?: FfprobeStream[];
  format?: { format_name?: string; duration?: string; start_time?: string };
}

const ENTRIES = 'stream=codec_type,codec_name,width,height,avg_frame_rate,nb_frames,duration,time_base:stream_side_data=rotation:format=format_name,duration,start_time';

/** Read the first video stream's header; every bad-file case becomes a VideoError naming the file. */
export async function readStreamHeader(ffprobe: string, file: string, signal?: AbortSignal): Promise<StreamHeader> {
  const name = path.basename(file);
  const result = await runTool(ffprobe, ['-v', 'error', '-show_entries', ENTRIES, '-of', 'json', file], signal);
  if (result.code !== 0) throw await unreadableFileError(file, result.stderr);
  const answer = JSON.parse(result.stdout) as FfprobeAnswer;
  const streams = answer.streams ?? [];
  const format = answer.format ?? {};
  const formatName = format.format_name ?? '';
  if (formatName.endsWith('_pipe') || formatName === 'image2') {
    throw new VideoError('not-video', `Not a video file: ${name} is a still image (${formatName.replace(/_pipe$/, '')})`);
  }
  const video = streams.find((s) => s.codec_type === 'video');
  if (!video) {
    if (streams.length === 0) throw new VideoError('zero-frames', `The video has no frames: ${name} contains no playable stream`);
    const kinds = [...new Set(streams.map((s) => s.codec_type ?? 'unknown'))].join(', ');
    throw new VideoError('no-video-stream', `No video stream in ${name}: it only has ${kinds}`);
  }
  return {
    codec: video.codec_name ?? 'unknown',
    codedWidth: video.width ?? 0,
    codedHeight: video.height ?? 0,
    sideDataRotation: video.side_data_list?.find((d) => typeof d.rotation === 'number')?.rotation ?? 0,
    avgFrameRate: ratio(video.avg_frame_rate),
    declaredFrames: positiveInt(video.nb_frames),
    durationSec: positiveNumber(video.duration) ?? positiveNumber(format.duration),
    startTime: Number(format.start_time) || 0,
    timeBase: parseTimeBase(video.time_base),
  };
}

/**
 * ffprobe says "moov atom not found" both for a cut-off MP4 and for any
 * non-MP4 file named .mp4, so look at the bytes: an ISO-BMFF box header
 * at the start means a real MP4 that lost its index.
 */
async function unreadableFileError(file: string, stderr: string): Promise<VideoError> {
  const name = path.basename(file);
  if (/moov atom not found/.test(stderr) && (await startsWithMp4Box(file))) {
    return new VideoError('truncated', `Truncated video: ${name} has no index (moov box); it was probably cut off while copying or recording`);
  }
  const reason = lastLine(stderr).replace(`${file}: `, '') || 'unreadable';
  return new VideoError('not-video', `Not a video file: ${name} (${reason})`);
}

const MP4_BOXES = new Set(['ftyp', 'moov', 'mdat', 'free', 'skip', 'wide', 'pnot', 'uuid']);

async function startsWithMp4Box(file: string): Promise<boolean> {
  const handle = await fs.open(file, 'r');
  try {
    const head = Buffer.alloc(8);
    const { bytesRead } = await handle.read(head, 0, 8, 0);
    return bytesRead === 8 && MP4_BOXES.has(head.toString('latin1', 4, 8));
  } finally {
    await handle.close();
  }
}

function ratio(text: string | undefined): number | null {
  if (!text) return null;
  const [num, den] = text.split('/').map(Number);
  return num && den ? num / den : null;
}

function parseTimeBase(text: string | undefined): { num: number; den: number } {
  const [num, den] = (text ?? '1/1000').split('/').map(Number);
  return num && den ? { num, den } : { num: 1, den: 1000 };
}

function positiveInt(text: string | undefined): number | null {
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? n : null;
}

function positiveNumber(text: string | undefined): number | null {
  const n = Number(text);
  return Number.isFinite(n) && n > 0 ? n : null;
}
