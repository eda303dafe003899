import { describe, expect, it } from 'vitest';
import { DEFAULT_VIDEO_CONSENSUS_OPTIONS } from '../../core/consensus/video/types';
import { CONSENSUS_FIELDS, defaultConsensusValues, parseConsensus } from './consensusTerms';

describe('video agreement thresholds of the publish form', () => {
  it('offers every threshold with the defaults the hub would apply, and parses them back unchanged', () => {
    expect(CONSENSUS_FIELDS.map((f) => f.key).sort()).toEqual(Object.keys(DEFAULT_VIDEO_CONSENSUS_OPTIONS).sort());
    const { options, problems } = parseConsensus(defaultConsensusValues());
    expect(problems).toEqual([]);
    expect(options).toEqual(DEFAULT_VIDEO_CONSENSUS_OPTIONS);
  });

  it('takes changed values and leaves blank ones to the default', () => {
    const { options, problems } = parseConsensus({ ...defaultConsensusValues(), trackIouThreshold: '0.7', boundaryTolerance: '', tagAcceptance: ' .9 ' });
    expect(problems).toEqual([]);
    expect(options).toMatchObject({ trackIouThreshold: 0.7, tagAcceptance: 0.9 });
    expect(options).not.toHaveProperty('boundaryTolerance');
  });

  it('names every field that is not a number or out of the hub’s bounds, and keeps nothing of a bad form', () => {
    const { options, problems } = parseConsensus({ ...defaultConsensusValues(), trackIouThreshold: '0', boundaryTolerance: '2.5', quorumShare: 'half', keyframeTolerance: '1e3' });
    expect(options).toEqual({});
    expect(problems.map((p) => p.key)).toEqual(['trackIouThreshold', 'quorumShare', 'boundaryTolerance', 'keyframeTolerance']);
    expect(problems[0]!.message).toBe('Track IoU to be one object: 0 is not allowed — two annotators’ tracks are the same object when their mean per-frame IoU over the frames either is visible reaches this (0.3–1)');
    expect(problems[1]!.message).toBe('Quorum share: "half" is not a number (a track, frame tag, shot boundary or shot tag needs more than this share of all annotators of the item (0.5–0.95))');
    expect(problems[2]!.message).toMatch(/^Shot boundary tolerance \(frames\): 2\.5 is not allowed — .*\(whole frames, 0–300\)$/);
  });
});
