import { describe, expect, it } from 'vitest';
import { DEFAULT_TIER_TABLE, tierTableToJson } from '../../../core/reputation';
import type { Reputation } from '../../../electron/common/services/hubReviewSchemas';
import { tierTableOf, tierView } from './reputationView';

const TOKEN = 10n ** 18n;

function reputation(patch: Partial<Reputation>): Reputation {
  return {
    overall: { alpha: 20, beta: 4, mean: 0.83, lower: 0.72 },
    perClass: {},
    history: [],
    scoredItems: 22,
    tier: 1,
    nextTier: undefined,
    stake: { active: (150n * TOKEN).toString() },
    multiplier: 1.33,
    ...patch,
  };
}

describe('tierView', () => {
  it('names the tier from the table and computes what the next one needs when the hub does not say', () => {
    const view = tierView(reputation({}), DEFAULT_TIER_TABLE);
    expect(view).toMatchObject({ name: 'trusted', level: 1, nextName: 'expert' });
    expect(view.needs).toEqual(['reputation lower bound 0.72 → 0.80', 'stake 150 → 500 tokens', 'scored items 22 → 50']);
  });

  it("uses the hub's own tier object and needs list", () => {
    const view = tierView(reputation({ tier: { tier: 2, name: 'expert' }, nextTier: null }), DEFAULT_TIER_TABLE);
    expect(view).toEqual({ name: 'expert', level: 2, needs: [], nextName: null });
    const sent = tierView(reputation({ nextTier: { name: 'expert', needs: [{ text: 'stake 150 → 500 tokens' }] } }), DEFAULT_TIER_TABLE);
    expect(sent.needs).toEqual(['stake 150 → 500 tokens']);
  });

  it("reads the hub's tier table, falling back to the defaults when it is not one", () => {
    const custom = { ...DEFAULT_TIER_TABLE, tiers: DEFAULT_TIER_TABLE.tiers.map((t) => (t.tier === 1 ? { ...t, name: 'regular' } : t)) };
    expect(tierTableOf(tierTableToJson(custom)).tiers[1]!.name).toBe('regular');
    expect(tierTableOf({ tiers: 'nope' })).toBe(DEFAULT_TIER_TABLE);
    expect(tierView(reputation({ tier: 1 }), tierTableOf(tierTableToJson(custom))).name).toBe('regular');
  });
});
