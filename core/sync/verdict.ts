import { typedDataDigest, type Eip712Domain, type TypedField } from './eip712';
import type { Hex } from './hex';

/** A reviewer's decision on a disputed item (EIP-712 primary type `Verdict`). */
export interface Verdict {
  reviewer: string;
  /** `taskIdToBytes32(taskId)`. */
  task: string;
  /** `itemIdToBytes32(itemId)`. */
  item: string;
  /** `itemLabelHash(itemId, finalShapes)`. */
  labelsHash: string;
  /** uint256 as a decimal string. */
  nonce: string;
  /** Unix time in seconds. */
  deadline: number;
}

export const VERDICT_TYPES: { Verdict: TypedField[] } = {
  Verdict: [
    { name: 'reviewer', type: 'address' },
    { name: 'task', type: 'bytes32' },
    { name: 'item', type: 'bytes32' },
    { name: 'labelsHash', type: 'bytes32' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
};

export function verdictDigest(domain: Eip712Domain, verdict: Verdict): Hex {
  return typedDataDigest(domain, 'Verdict', VERDICT_TYPES.Verdict, { ...verdict });
}
