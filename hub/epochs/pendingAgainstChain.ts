/** What the chain says about the hub's pending epoch, read right before posting it. */
export type PendingOnChain =
  /** The chain is behind the pending epoch: posting it is what is missing. */
  | { kind: 'not_posted' }
  /** The chain already holds exactly this epoch and root: a post was mined but never recorded. */
  | { kind: 'already_posted' }
  /** The chain holds something else at or past this epoch: posting would revert or overwrite history. */
  | { kind: 'diverged'; message: string };

const ZERO_ROOT = `0x${'0'.repeat(64)}`;

export function pendingAgainstChain(pending: { epoch: bigint; root: string }, chain: { epoch: bigint; root: string }): PendingOnChain {
  if (chain.epoch < pending.epoch) return { kind: 'not_posted' };
  const chainRoot = chain.root.toLowerCase();
  if (chain.epoch === pending.epoch && chainRoot === pending.root.toLowerCase()) return { kind: 'already_posted' };
  const onChain = `the chain is at epoch ${chain.epoch} with root ${chainRoot === ZERO_ROOT ? '(none)' : chainRoot}`;
  const hubHas = `the hub's pending epoch ${pending.epoch} has root ${pending.root}`;
  return {
    kind: 'diverged',
    message: `${onChain}, but ${hubHas}: the chain has moved ${chain.epoch === pending.epoch ? 'to this epoch with a different root' : 'past this epoch'}, so the hub will not post it. Someone else posted with the operator role, or the hub's database is not the one these roots came from — reconcile by hand before closing again.`,
  };
}
