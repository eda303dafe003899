import { appService } from './appService';
import { inferenceService } from './inferenceService';
import { jobsService } from './jobsService';
import { mediaService } from './mediaService';
import { videoService } from './videoService';
import { walletService } from './walletService';
import { hubService } from './hubService';
import { rewardsService } from './rewardsService';
import { stakeService } from './stakeService';
import { requesterService } from './requesterService';
import { localNetworkService } from './localNetworkService';

export { appService, inferenceService, jobsService, mediaService, videoService };
export * from './appService';
export * from './inferenceService';
export * from './jobsService';
export * from './mediaService';
export * from './videoService';
export * from './walletService';
export * from './hubService';
export * from './hubReviewSchemas';
export * from './rewardsService';
export * from './stakeService';
export * from './requesterService';
export * from './localNetworkService';
export { walletService, hubService, rewardsService, stakeService, requesterService, localNetworkService };
export * from './intake';
export * from './mediaUrlPath';

/** Every service of the contract; hosts serve exactly these, the renderer proxies exactly these. */
export const allServices = [appService, mediaService, jobsService, inferenceService, videoService, walletService, hubService, rewardsService, stakeService, requesterService, localNetworkService] as const;
