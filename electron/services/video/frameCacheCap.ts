/** Default memory cap of the decoded-frame LRU, in MB (the default). */
const DEFAULT_FRAME_CACHE_MB = 512;

/**
 * The frame cache's memory cap from GROUNDWORK_FRAME_CACHE_MB. A value that
 * is not a positive number is a configuration mistake worth stopping for:
 * silently using the default would hide it until memory runs out.
 */
export function frameCacheBytesFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.GROUNDWORK_FRAME_CACHE_MB?.trim();
  if (!raw) return DEFAULT_FRAME_CACHE_MB * 1024 * 1024;
  const mb = Number(raw);
  if (!Number.isFinite(mb) || mb <= 0) throw new Error(`GROUNDWORK_FRAME_CACHE_MB must be a positive number of megabytes, got "${raw}"`);
  return Math.round(mb * 1024 * 1024);
}
