export { loadDictionary } from './dictionary';
export { detectText } from './detectText';
export { recognizeText } from './recognizeText';
export { quadBounds } from './quad';
export type { DetectOptions, Point, Quad, RgbImage, StageTimings, TextDetection, TextRecognition } from './types';
export type { RecognizeOptions } from './recognizeText';
