import { describe, expect, it } from 'vitest';
import { tierTableFromJson, tierTableToJson } from './tierTableJson';
import { canReview, canTakeTask, checkTierTable, DEFAULT_TIER_TABLE, formatTokens, nextTier, nextTierNeeds, tierOf, type TierTable } from './tiers';

const T = 10n ** 18n;

describe('tiers', () => {
  it('everyone starts as a newcomer and is told everything the next tier needs', () => {
    const status = { lower: 0.1958, scoredItems: 0, stake: 0n };
    expect(tierOf(status).name).toBe('newcomer');
    expect(nextTier(status)?.name).toBe('trusted');
    expect(nextTierNeeds(status).map((n) => n.text)).toEqual(['reputation lower bound 0.19 → 0.60', 'stake 0 → 100 tokens', 'scored items 0 → 20']);
  });

  it('moves up only when every requirement of the tier is met, at the exact thresholds', () => {
    expect(tierOf({ lower: 0.6, scoredItems: 20, stake: 100n * T }).tier).toBe(1);
    expect(tierOf({ lower: 0.5999, scoredItems: 20, stake: 100n * T }).tier).toBe(0);
    expect(tierOf({ lower: 0.6, scoredItems: 19, stake: 100n * T }).tier).toBe(0);
    expect(tierOf({ lower: 0.6, scoredItems: 20, stake: 100n * T - 1n }).tier).toBe(0);
    expect(tierOf({ lower: 0.8, scoredItems: 50, stake: (500n * T).toString() }).tier).toBe(2);
    // Expert reputation with trusted stake is trusted.
    expect(tierOf({ lower: 0.95, scoredItems: 400, stake: 499n * T })).toMatchObject({ tier: 1, name: 'trusted' });
  });

  it('lists only what is missing, rounded down', () => {
    const status = { lower: 0.62, scoredItems: 60, stake: 100n * T };
    expect(tierOf(status).tier).toBe(1);
    expect(nextTierNeeds(status)).toEqual([
      { requirement: 'lower', text: 'reputation lower bound 0.62 → 0.80' },
      { requirement: 'stake', text: 'stake 100 → 500 tokens' },
    ]);
    expect(nextTierNeeds({ lower: 0.799, scoredItems: 60, stake: 500n * T - 1n }).map((n) => n.text)).toEqual(['reputation lower bound 0.79 → 0.80', 'stake 499.99 → 500 tokens']);
    expect(nextTierNeeds({ lower: 0.7, scoredItems: 12, stake: 100n * T }).map((n) => n.text)).toEqual(['scored items 12 → 20']);
    expect(nextTierNeeds({ lower: 0.9, scoredItems: 60, stake: 600n * T })).toEqual([]);
    expect(nextTier({ lower: 0.9, scoredItems: 60, stake: 600n * T })).toBeNull();
  });

  it('unlocks task levels and the reviewer role', () => {
    expect([0, 1, 2].map((t) => canReview(t))).toEqual([false, false, true]);
    expect(canTakeTask(0, 0)).toBe(true);
    expect(canTakeTask(0, 1)).toBe(false);
    expect(canTakeTask(tierOf({ lower: 0.7, scoredItems: 30, stake: 100n * T }), 1)).toBe(true);
    expect(canTakeTask(1, 2)).toBe(false);
    expect(() => canReview(3)).toThrow('unknown tier 3');
  });

  it('takes a custom table and refuses a disordered one', () => {
    const table: TierTable = {
      tokenDecimals: 6,
      tiers: [DEFAULT_TIER_TABLE.tiers[0]!, { tier: 1, name: 'reviewer', minLower: 0.5, minScoredItems: 5, minStake: 10_000_000n, taskLevel: 3, reviewer: true }],
    };
    expect(canReview(tierOf({ lower: 0.5, scoredItems: 5, stake: 10_000_000n }, table), table)).toBe(true);
    expect(nextTierNeeds({ lower: 0.5, scoredItems: 5, stake: 2_500_000n }, table).map((n) => n.text)).toEqual(['stake 2.5 → 10 tokens']);
    const bad = { ...DEFAULT_TIER_TABLE, tiers: [DEFAULT_TIER_TABLE.tiers[0]!, { ...DEFAULT_TIER_TABLE.tiers[2]!, tier: 1 }, { ...DEFAULT_TIER_TABLE.tiers[1]!, tier: 2 }] };
    expect(() => checkTierTable({ ...DEFAULT_TIER_TABLE, tiers: [DEFAULT_TIER_TABLE.tiers[1]!] })).toThrow('tiers[0].tier must be 0, got 1');
    expect(() => checkTierTable(bad)).toThrow('tiers[2] (trusted) asks less than tiers[1] (expert)');
    expect(() => tierOf({ lower: 0.5, scoredItems: 1, stake: '1.5' })).toThrow("stake must be a whole number of base units, got '1.5'");
    expect(() => tierOf({ lower: 1.2, scoredItems: 1, stake: 0n })).toThrow('lower must be in [0, 1], got 1.2');
    expect(() => nextTierNeeds({ lower: 0.5, scoredItems: -1, stake: 0n })).toThrow('scoredItems must be a whole number');
  });

  it('formats base units as tokens, rounding down', () => {
    expect(formatTokens(500n * T, 18)).toBe('500');
    expect(formatTokens(100n * T + T / 2n, 18)).toBe('100.5');
    expect(formatTokens(100n * T - 1n, 18)).toBe('99.99');
    expect(formatTokens(0n, 18)).toBe('0');
  });
});

describe('tier table JSON', () => {
  it('round-trips through JSON text and refuses bad fields', () => {
    const text = JSON.stringify(tierTableToJson(DEFAULT_TIER_TABLE));
    expect(JSON.parse(text).tiers[2].minStake).toBe('500000000000000000000');
    expect(tierTableFromJson(JSON.parse(text))).toEqual(DEFAULT_TIER_TABLE);
    const bad = JSON.parse(text);
    bad.tiers[1].minStake = 100;
    expect(() => tierTableFromJson(bad)).toThrow('tiers[1].minStake must be a decimal string');
  });
});
