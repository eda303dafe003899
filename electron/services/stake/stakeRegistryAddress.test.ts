import { describe, expect, it } from 'vitest';
import type { HubConfig } from '../../common/services/hubService';
import { pinnedStakeTarget } from './stakeRegistryAddress';

const REGISTRY = '0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9';
const OTHER = '0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0';
const TOKEN = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const pinned: HubConfig = { chainId: 31337, rewardsContract: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512', token: TOKEN, stakeRegistry: REGISTRY.toLowerCase() };
const HUB = 'http://127.0.0.1:8787';

describe('stake registry of a hub', () => {
  it('is the pinned registry and token, checksummed; the caller may name the same registry', () => {
    expect(pinnedStakeTarget(HUB, pinned)).toEqual({ registry: REGISTRY, token: TOKEN });
    expect(pinnedStakeTarget(HUB, pinned, REGISTRY.toLowerCase())).toEqual({ registry: REGISTRY, token: TOKEN });
  });

  it('refuses another registry than the pinned one, and a hub without one', () => {
    expect(() => pinnedStakeTarget(HUB, pinned, OTHER)).toThrow(/is not the stake registry you trusted/);
    expect(() => pinnedStakeTarget(HUB, pinned, 'nope')).toThrow(expect.objectContaining({ details: { code: 'no-registry' } }));
    expect(() => pinnedStakeTarget(HUB, { ...pinned, stakeRegistry: null })).toThrow(expect.objectContaining({ details: { code: 'no-registry' } }));
  });
});
