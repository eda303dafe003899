export * from './types';
export { formConsensus } from './formConsensus';
export { agreesWith, compareWithFinal, type FinalComparison } from './agreesWith';
