/** The inference engine's public surface: everything a host or a bench needs. */
export { createInferenceEngine, type InferenceEngineOptions } from './engine';
export { ModelLoadError, ImageDecodeError, UnknownModelError } from './errors';
export { defaultProviders } from './session/providers';
export { parseManifest, ModelManifestSchema } from './manifest/manifestSchema';
export type * from './types';
export { confirmProposedManifest, type ManifestCorrections } from './manifest/confirmProposedManifest';
export type { UltralyticsReading } from './manifest/manifestFromUltralytics';
