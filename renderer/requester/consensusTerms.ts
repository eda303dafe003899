import { DEFAULT_VIDEO_CONSENSUS_OPTIONS, type VideoConsensusOptions } from '../../core/consensus/video/types';
import { TaskConsensusOptionsSchema, type TaskConsensusOptions } from '../../core/hubApi/tasks';

export type ConsensusKey = keyof Required<VideoConsensusOptions>;

/** The agreement thresholds a video task's form offers, in the order shown, each with what it means in the requester's words. */
export const CONSENSUS_FIELDS: readonly { key: ConsensusKey; label: string; help: string }[] = [
  { key: 'trackIouThreshold', label: 'Track IoU to be one object', help: 'two annotators’ tracks are the same object when their mean per-frame IoU over the frames either is visible reaches this (0.3–1)' },
  { key: 'frameIouThreshold', label: 'Frame IoU for a hit', help: 'a frame of a matched track counts as agreeing at this IoU or more (0.3–1)' },
  { key: 'quorumShare', label: 'Quorum share', help: 'a track, frame tag, shot boundary or shot tag needs more than this share of all annotators of the item (0.5–0.95)' },
  { key: 'trackAcceptance', label: 'Track acceptance (IDF1)', help: 'tracks and frame boxes are accepted when the annotators’ mean IDF1 against the consensus reaches this (0.3–1)' },
  { key: 'tagAcceptance', label: 'Frame tag acceptance', help: 'frame tags are accepted when the mean per-frame tag agreement reaches this (0.3–1)' },
  { key: 'boundaryTolerance', label: 'Shot boundary tolerance (frames)', help: 'two shot boundaries at most this many frames apart are one boundary (whole frames, 0–300)' },
  { key: 'segmentAcceptance', label: 'Shot acceptance', help: 'shots are accepted when the mean boundary-and-tag agreement reaches this (0.3–1)' },
  { key: 'keyframeTolerance', label: 'Keyframe tolerance (px)', help: 'the consensus track keeps a keyframe where interpolation would be off by more than this many pixels (0–50)' },
];

/** The form's text for each threshold: the defaults, as the hub would apply them to a task that sets none. */
export function defaultConsensusValues(): Record<ConsensusKey, string> {
  const out = {} as Record<ConsensusKey, string>;
  for (const { key } of CONSENSUS_FIELDS) out[key] = String(DEFAULT_VIDEO_CONSENSUS_OPTIONS[key]);
  return out;
}

export interface ConsensusProblem {
  key: ConsensusKey;
  message: string;
}

/**
 * The thresholds as the task will carry them, checked by the hub's own
 * schema (TaskConsensusOptionsSchema), or every problem, each naming its
 * field and its bounds. A blank field takes the default.
 */
export function parseConsensus(values: Record<ConsensusKey, string>): { options: TaskConsensusOptions; problems: ConsensusProblem[] } {
  const problems: ConsensusProblem[] = [];
  const options: Record<string, number> = {};
  for (const { key, label, help } of CONSENSUS_FIELDS) {
    const text = (values[key] ?? '').trim();
    if (text === '') continue;
    const value = Number(text);
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text) || !Number.isFinite(value)) {
      problems.push({ key, message: `${label}: "${text}" is not a number (${help})` });
      continue;
    }
    const one = TaskConsensusOptionsSchema.safeParse({ [key]: value });
    if (!one.success) {
      // The schema is the judge; its bounds are said in the field's own words (the end of its help).
      problems.push({ key, message: `${label}: ${text} is not allowed — ${help}` });
      continue;
    }
    options[key] = value;
  }
  return { options: problems.length === 0 ? TaskConsensusOptionsSchema.parse(options) : {}, problems };
}
