export * from './types';
export { formConsensus } from './formConsensus';
export { agreesWith, compareWithFinal, type FinalComparison } from './agreesWith';
export { formVideoConsensus, videoAgreesWith, resolveVideoConsensusOptions, trackIou } from './video';
export * from './video/types';
