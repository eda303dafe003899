export { createServices, type InferenceOptions, type Services, type ServicesOptions, type VideoOptions } from './createServices';
export { modelsDirsFor } from './inference/modelsDirs';
export type { HostInfo } from './app/appServiceImpl';
export { resolveMediaPath, type ResolvedMedia } from './media/resolveMediaPath';
export { MediaError, httpStatusOf, type MediaErrorCode } from './media/mediaErrors';
export { contentSecurityPolicy } from './security/contentSecurityPolicy';
export { resolveMediaUrlPath } from './media/mediaUrl';
export type { RootStore } from './media/rootStore';
