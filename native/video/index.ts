/** The video engine's public surface: probing, frame-exact serving, shot detection. */
export { probeVideo, type ProbeOptions } from './probe/probeVideo';
export { createFrameServer } from './frames/frameServer';
export { readGrayFrames, type GrayFrame, type GrayFramesOptions } from './frames/grayFrames';
export { detectShots } from './shots/detectShots';
export { segmentsFromScores } from './shots/segmentsFromScores';
export { resolveBinaries, type VideoBinaries } from './process/binaries';
export { VideoError, isVideoError, type VideoErrorCode } from './errors';
export type * from './types';
