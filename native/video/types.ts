import type { VideoInfo } from '../../core/model/item';

/** Which way the playhead moves; steers prefetch (play forward, scrub back, single jump). */
export type PlayDirection = 'forward' | 'backward' | 'none';

/**
 * Everything the engine knows about one video file. Frames are addressed by
 * index (presentation order); `frameTimes[n]` is frame n's real presentation
 * time, so VFR video is addressed exactly too.
 */
export interface VideoProbe {
  /** Absolute path of the probed file. */
  path: string;
  /** Displayed size (after rotation): what the decoded frames measure. */
  width: number;
  height: number;
  /** Size as stored in the stream, before rotation. */
  codedWidth: number;
  codedHeight: number;
  /** frameCount (exact, from the packet list), fps (average), durationSec, variableFrameRate, codec, rotation (clockwise). */
  info: VideoInfo;
  /** Frame indices of the keyframes, ascending; frame 0 is always listed first when it is a keyframe. */
  keyframes: number[];
  /** Presentation time of each frame in seconds from the file's start time, ascending. */
  frameTimes: number[];
  /** The file's start time in seconds (ffmpeg's -ss is relative to it; -copyts timestamps include it). */
  startTime: number;
  /** Stable id of this version of the file (path + size + mtime): names its index and frame caches. */
  cacheKey: string;
  /** Non-fatal findings, e.g. a truncated file whose remaining frames are still served. */
  warnings: string[];
  /** True when the index came from the on-disk cache instead of ffprobe. */
  fromCache: boolean;
}

/** One decoded frame as the renderer shows it. `bytes` is null when the frame could not be decoded. */
export interface FrameImage {
  frame: number;
  mime: 'image/jpeg';
  bytes: Uint8Array | null;
  width: number;
  height: number;
  /** Why the frame is unreadable (only when bytes is null). */
  error?: string;
}

/**
 * A video's frame pack (every frame as the served JPEG, made in the
 * background, checked against the original before use): 'none' before
 * preparePack, 'off' when the server makes no packs.
 */
export type PackStatus =
  | { state: 'none' | 'off' | 'building' | 'checking' }
  | { state: 'ready'; frames: number }
  | { state: 'refused'; reason: string };

export interface FrameServerOptions {
  /** Folder for the keyframe index cache and (with diskCache) decoded JPEG frames. */
  cacheDir: string;
  /** Byte cap of the in-memory frame LRU. Default 512 MB. */
  memoryCapBytes?: number;
  /** Also keep decoded frames on disk under cacheDir/frames. Default true. */
  diskCache?: boolean;
  /** Scale frames to this width (height keeps the aspect ratio, even). Default: the displayed width. */
  outputWidth?: number;
  /** ffmpeg mjpeg quality, 2 (best) … 31. Default 4. */
  jpegQuality?: number;
  /** Frames one ffmpeg process decodes for a forward (play) request. Default 90. */
  playWindowFrames?: number;
  /** Frames one ffmpeg process decodes for a single jump (direction 'none'). Default 8. */
  jumpWindowFrames?: number;
  /** Frames before a jump's target (direction 'none') its decode also keeps, so stepping back right after a jump hits memory. Default 0. */
  keepBehindFrames?: number;
  /** Make frame packs (under cacheDir/packs) when preparePack or preparePackForLater asks for one. Default false. */
  framePacks?: boolean;
  /** CPU niceness of pack builds and checks. Default 19: they only get what interactive work leaves. */
  framePackNiceness?: number;
  /** Disk the packs may use (bytes); the least recently used go first, and a video whose pack alone would pass it gets none. Default 20 GiB. */
  framePackBudgetBytes?: number;
}

export interface FrameServerStats {
  /** ffmpeg decode processes started so far. */
  decodeProcesses: number;
  /** Frames produced by those processes. */
  framesDecoded: number;
  memoryBytes: number;
  memoryFrames: number;
  memoryHits: number;
  diskHits: number;
  /** Frames read from a ready frame pack. */
  packHits: number;
}

export interface FrameServer {
  /** Probe (or load the cached index of) a video; getFrame does this itself on first use. */
  open(videoPath: string): Promise<VideoProbe>;
  /** Exactly frame n as JPEG. Rejects with VideoError only for bad input (out of range, not a video); an undecodable frame resolves with bytes null + error. */
  getFrame(video: string | VideoProbe, n: number, direction?: PlayDirection): Promise<FrameImage>;
  /**
   * Make (or load) and check this video's frame pack in the background;
   * resolves with the outcome. Until it is ready, and for frames it lacks,
   * frames come from ffmpeg-from-keyframe as before.
   */
  preparePack(video: string | VideoProbe): Promise<PackStatus>;
  /**
   * Intake: make and check the pack now, after every opened video's build,
   * so the video's first cold jump is a file read when it is opened later.
   * Uses only free room in the pack budget and keeps nothing open; resolves
   * with the outcome ('off' without framePacks). `signal` (intake cancelled)
   * stops the build, or keeps it from starting.
   */
  preparePackForLater(video: string | VideoProbe, signal?: AbortSignal): Promise<PackStatus>;
  stats(): FrameServerStats;
  /** Resolves when no decode (requested or prefetch) and no pack build or check (opened or intake's, which can take long) is running. */
  whenIdle(): Promise<void>;
  /** Forget a video's frames (memory) and stop its decodes. */
  release(videoPath: string): void;
  /** Stop every running decode; pending requests reject with VideoError 'closed'. */
  close(): Promise<void>;
}

export interface ShotSegment {
  startFrame: number;
  /** Inclusive. */
  endFrame: number;
  /** Boundary confidence at startFrame (0 for the first segment). */
  score: number;
}

export interface ShotsResult {
  segments: ShotSegment[];
  /** Per frame: 0, or the confidence (0…1) that a shot starts there; the default threshold 0.3 is the detector's own decision (see segmentsFromScores), and a higher one keeps only the surer boundaries without another pass. */
  scores: number[];
}

export interface ShotProgress {
  done: number;
  total: number;
}

export interface DetectShotsOptions {
  /** Score above which a frame starts a new shot. Default 0.3. */
  threshold?: number;
  onProgress?: (progress: ShotProgress) => void;
  signal?: AbortSignal;
  /** A probe of the same file (skips probing). */
  probe?: VideoProbe;
  /** Index cache folder used when probing. */
  cacheDir?: string;
}
