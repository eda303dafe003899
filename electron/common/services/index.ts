import { appService } from './appService';
import { inferenceService } from './inferenceService';
import { jobsService } from './jobsService';
import { mediaService } from './mediaService';
import { videoService } from './videoService';

export { appService, inferenceService, jobsService, mediaService, videoService };
export * from './appService';
export * from './inferenceService';
export * from './jobsService';
export * from './mediaService';
export * from './videoService';
export * from './intake';
export * from './mediaUrlPath';

/** Every service of the contract; hosts serve exactly these, the renderer proxies exactly these. */
export const allServices = [appService, mediaService, jobsService, inferenceService, videoService] as const;
