import type { FrameServerOptions } from '../../../native/video';

/**
 * How the host's frame server runs (bench:video measures the same):
 * frame packs for the videos a user opens, and the two frames before a
 * jump's target kept, so stepping back right after a jump is a memory hit
 * even before the pack is ready.
 */
export const ENGINE_FRAME_OPTIONS = {
  framePacks: true,
  keepBehindFrames: 2,
} as const satisfies Partial<FrameServerOptions>;
