/** Every hub route definition and its schemas, one import for callers and for the test that the hub serves exactly these. */
export * from './auth';
export * from './batches';
export * from './config';
export * from './disputes';
export * from './epochs';
export * from './export';
export * from './items';
export * from './media';
export * from './reputation';
export * from './requesterMedia';
export * from './roles';
export * from './tasks';
export * from './verdicts';
export * from './route';
