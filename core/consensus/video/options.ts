import { DEFAULT_VIDEO_CONSENSUS_OPTIONS, type VideoConsensusOptions } from './types';

function check(ok: boolean, name: string, range: string, value: unknown): void {
  if (!ok) throw new Error(`${name} must be ${range}, got ${String(value)}`);
}

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Every option checked and the unset ones filled with the defaults
 * (DEFAULT_VIDEO_CONSENSUS_OPTIONS; README says why each is what it is).
 * Throws with the option's name and allowed range. Undefined values count as
 * unset; other keys are ignored.
 */
export function resolveVideoConsensusOptions(options: VideoConsensusOptions = {}): Required<VideoConsensusOptions> {
  const o: Required<VideoConsensusOptions> = { ...DEFAULT_VIDEO_CONSENSUS_OPTIONS };
  for (const key of Object.keys(DEFAULT_VIDEO_CONSENSUS_OPTIONS) as (keyof VideoConsensusOptions)[]) {
    if (options[key] !== undefined) o[key] = options[key]!;
  }
  check(num(o.trackIouThreshold) && o.trackIouThreshold > 0 && o.trackIouThreshold <= 1, 'trackIouThreshold', 'in (0, 1]', o.trackIouThreshold);
  check(num(o.frameIouThreshold) && o.frameIouThreshold > 0 && o.frameIouThreshold <= 1, 'frameIouThreshold', 'in (0, 1]', o.frameIouThreshold);
  check(num(o.quorumShare) && o.quorumShare >= 0 && o.quorumShare < 1, 'quorumShare', 'in [0, 1)', o.quorumShare);
  for (const key of ['trackAcceptance', 'tagAcceptance', 'segmentAcceptance'] as const) check(num(o[key]) && o[key] >= 0 && o[key] <= 1, key, 'in [0, 1]', o[key]);
  check(num(o.boundaryTolerance) && Number.isInteger(o.boundaryTolerance) && o.boundaryTolerance >= 0, 'boundaryTolerance', 'a whole number of frames ≥ 0', o.boundaryTolerance);
  check(num(o.keyframeTolerance) && o.keyframeTolerance >= 0, 'keyframeTolerance', 'a finite number of pixels ≥ 0', o.keyframeTolerance);
  return o;
}
