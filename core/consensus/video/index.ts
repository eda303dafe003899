export * from './types';
export { formVideoConsensus } from './formVideoConsensus';
export { videoAgreesWith } from './videoAgreesWith';
export { resolveVideoConsensusOptions } from './options';
export { trackIou } from './trackIou';
