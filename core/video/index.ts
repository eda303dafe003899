export * from './interpolate';
export * from './trackEdits';
export * from './frameTags';
export * from './segments';
export * from './timeline';
export * from './autoTrack';
