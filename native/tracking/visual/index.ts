export { BoxFollower, type FollowBoxOptions, type FollowedFrame } from './followBox';
export { MosseTracker, type MosseOptions, type MosseStep } from './mosseTracker';
export type { CentredBox, GrayImage } from './grayImage';
