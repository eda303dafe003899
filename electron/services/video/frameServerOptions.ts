import type { FrameServerOptions } from '../../../native/video';

/**
 * How the host's frame server runs (bench:video measures the same):
 * frame packs for the videos a user opens, built at the niceness
 * GROUNDWORK_FRAME_PACK_NICENESS (default 19: only CPU that interactive
 * work leaves; a dedicated labeling machine may want 0) within a disk
 * budget of GROUNDWORK_FRAME_PACK_BUDGET_GB (default 20), and the two frames
 * before a jump's target kept, so stepping back right after a jump is a
 * memory hit even before the pack is ready.
 */
export function engineFrameOptions(env: NodeJS.ProcessEnv = process.env): Partial<FrameServerOptions> {
  const budget = framePackBudgetFromEnv(env);
  return { framePacks: true, framePackNiceness: framePackNicenessFromEnv(env), keepBehindFrames: 2, ...(budget === null ? {} : { framePackBudgetBytes: budget }) };
}

/** A value that is not a whole number 0–19 is a configuration mistake worth stopping for. */
export function framePackNicenessFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = env.GROUNDWORK_FRAME_PACK_NICENESS?.trim();
  if (!raw) return 19;
  const niceness = Number(raw);
  if (!Number.isInteger(niceness) || niceness < 0 || niceness > 19) throw new Error(`GROUNDWORK_FRAME_PACK_NICENESS must be a whole number from 0 to 19, got "${raw}"`);
  return niceness;
}

/** GROUNDWORK_FRAME_PACK_BUDGET_GB: the packs' disk budget in GiB (a positive number), or null for the default. */
export function framePackBudgetFromEnv(env: NodeJS.ProcessEnv): number | null {
  const raw = env.GROUNDWORK_FRAME_PACK_BUDGET_GB?.trim();
  if (!raw) return null;
  const gib = Number(raw);
  if (!Number.isFinite(gib) || gib <= 0) throw new Error(`GROUNDWORK_FRAME_PACK_BUDGET_GB must be a positive number of GiB, got "${raw}"`);
  return Math.round(gib * 1024 ** 3);
}
