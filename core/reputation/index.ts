export { betaCdf, betaQuantile, lnGamma } from './betaMath';
export * from './betaReputation';
export * from './scoreSubmission';
export * from './annotatorReputation';
export * from './reviewerReputation';
export * from './tiers';
export * from './tierTableJson';
export * from './rewardMultiplier';
export * from './preferForScarce';
