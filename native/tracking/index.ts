export { IouTracker, trackDetections } from './tracker';
export { predictBox, velocityBetween } from './motion';
export type { Detection, DetectionRound, TrackerOptions, TrackedKeyframe, TrackerResult, TrackerTrack } from './types';
export { BoxFollower, MosseTracker, type FollowBoxOptions, type FollowedFrame, type GrayImage, type MosseOptions } from './visual';
