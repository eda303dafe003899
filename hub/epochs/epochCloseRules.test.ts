import { Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { pendingAgainstChain } from './pendingAgainstChain';
import { describeShortfalls, shortfallsAgainstClaimed, shortfallsAgainstPrevious } from './totalsNeverShrink';

const root = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;

describe('a pending epoch against what the chain holds', () => {
  it('posts when the chain is behind, records when the same root is there, refuses anything else', () => {
    expect(pendingAgainstChain({ epoch: 3n, root: root(3) }, { epoch: 2n, root: root(2) })).toEqual({ kind: 'not_posted' });
    expect(pendingAgainstChain({ epoch: 3n, root: root(3) }, { epoch: 3n, root: root(3).toUpperCase().replace('0X', '0x') })).toEqual({ kind: 'already_posted' });
    const other = pendingAgainstChain({ epoch: 3n, root: root(3) }, { epoch: 3n, root: root(9) });
    expect(other.kind).toBe('diverged');
    expect(other.kind === 'diverged' && other.message).toContain(`epoch 3 with root ${root(9)}`);
    const past = pendingAgainstChain({ epoch: 3n, root: root(3) }, { epoch: 5n, root: root(3) });
    expect(past.kind === 'diverged' && past.message).toContain('past this epoch');
  });
});

describe('cumulative totals never shrink', () => {
  const [a, b, c] = [Wallet.createRandom().address, Wallet.createRandom().address, Wallet.createRandom().address] as [string, string, string];

  it('names every account paid less than the previous epoch, a missing one counting as 0', () => {
    expect(shortfallsAgainstPrevious({ [a]: '10', [b]: '5' }, { [a]: '10', [b]: '4' })).toEqual([]);
    expect(shortfallsAgainstPrevious({ [a]: '9', [c]: '1' }, { [a]: '10', [b]: '4' })).toEqual([
      { account: a, next: 9n, floor: 10n },
      { account: b, next: 0n, floor: 4n },
    ]);
    // Addresses compare checksummed, whatever case the stored totals use.
    expect(shortfallsAgainstPrevious({ [a.toLowerCase()]: '10' }, { [a]: '10' })).toEqual([]);
  });

  it('names every account paid less than it already claimed', () => {
    expect(shortfallsAgainstClaimed({ [a]: '10' }, new Map([[a, 10n]]))).toEqual([]);
    expect(shortfallsAgainstClaimed({ [a]: '7' }, new Map([[a, 8n], [b, 0n]]))).toEqual([{ account: a, next: 7n, floor: 8n }]);
    expect(describeShortfalls([{ account: a, next: 7n, floor: 8n }], 'what it already claimed on chain,')).toBe(`${a} would get cumulative 7 wei, below what it already claimed on chain, 8 wei`);
  });
});
