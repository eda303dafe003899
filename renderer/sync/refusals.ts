/**
 * What a hub refusal means for the outbox record it ended: is it about the
 * labels themselves, or about the signature around them? Only the second
 * kind may be signed again with the very same labels — re-signing labels the
 * hub found wrong would only be refused again (and would hide the problem).
 * The codes are the hub's (hub/README.md, "Batch refusals" and "Verdict
 * refusals"); renderer/sync/README.md has this table with the reasons.
 */
export type RefusalKind =
  /** The labels (or the request built from them) are wrong: fix them and submit again. */
  | 'labels'
  /** The signature went stale or is not acceptable (deadline, nonce, key, chain): a fresh one fixes it. */
  | 'signature'
  /** The hub's state does not accept it now (task or item unknown, not assigned, no role): not about the labels; signing again helps once that changes. */
  | 'hub-state'
  /** A rule that signing again must not get around (already submitted, already resolved, reviewer labeled the item). */
  | 'final';

export interface RefusalMeaning {
  code: string;
  kind: RefusalKind;
  /** The refusal in words, for the outbox row. */
  words: string;
}

const TABLE: Record<string, Omit<RefusalMeaning, 'code'>> = {
  // Not about the labels: a fresh signature (new nonce, new deadline, current wallet and chain) is the remedy.
  deadline_passed: { kind: 'signature', words: 'the signature expired before it reached the hub (its deadline passed, e.g. while offline)' },
  nonce_used: { kind: 'signature', words: 'the signature’s nonce was already used by another upload of this wallet' },
  wrong_signer: { kind: 'signature', words: 'the signature does not match this hub’s key, chain or contract (the wallet or the chain changed)' },
  signer_not_session: { kind: 'signature', words: 'it was signed by another wallet than the one signed in to the hub' },
  invalid_signature: { kind: 'signature', words: 'the hub could not read the signature' },
  unknown_task: { kind: 'hub-state', words: 'the hub does not know this task (was the hub reset?)' },
  unknown_item: { kind: 'hub-state', words: 'the hub does not know this item (was the hub reset?)' },
  item_not_assigned: { kind: 'hub-state', words: 'an item is not assigned to the signing wallet on this hub' },
  not_reviewer: { kind: 'hub-state', words: 'the signing wallet has no reviewer role on this hub yet' },
  // The labels or the request made from them: the same labels would be refused again.
  invalid_labels: { kind: 'labels', words: 'the labels are not valid for this task' },
  root_mismatch: { kind: 'labels', words: 'the labels do not hash to the signed merkle root' },
  labels_mismatch: { kind: 'labels', words: 'the final labels do not hash to the signed labels hash' },
  item_count_mismatch: { kind: 'labels', words: 'the number of items differs from the signed item count' },
  item_mismatch: { kind: 'labels', words: 'the verdict was signed for another item' },
  task_mismatch: { kind: 'labels', words: 'the item does not belong to the task the verdict names' },
  batch_too_large: { kind: 'labels', words: 'the batch has more items than the hub takes at once' },
  body_too_large: { kind: 'labels', words: 'the upload is larger than the hub takes' },
  invalid_body: { kind: 'labels', words: 'the hub could not read the upload' },
  invalid_json: { kind: 'labels', words: 'the hub could not read the upload' },
  // Rules: signing again (perhaps with another wallet) must not get around them.
  item_already_submitted: { kind: 'final', words: 'an item was already submitted by this wallet in another batch' },
  item_not_in_dispute: { kind: 'final', words: 'the item is no longer in dispute (accepted or already resolved)' },
  reviewer_labeled_item: { kind: 'final', words: 'the reviewer labeled this item as an annotator, so may not decide it' },
};

/**
 * The meaning of a refusal code. A code this table does not know is treated
 * as about the labels: signing unknown trouble again unchanged could only
 * repeat it, while the items stay free for a new submit.
 */
export function refusalMeaning(code: string): RefusalMeaning {
  const known = Object.hasOwn(TABLE, code) ? TABLE[code]! : { kind: 'labels' as const, words: `the hub refused it (${code})` };
  return { code, ...known };
}

/** Whether a record refused with this code may be signed again with the same labels. */
export const isResignable = (code: string): boolean => {
  const { kind } = refusalMeaning(code);
  return kind === 'signature' || kind === 'hub-state';
};

/** Why a record cannot be signed again unchanged, in words; null when it can. */
export function whyNotResignable(code: string, record: 'batch' | 'verdict'): string | null {
  switch (refusalMeaning(code).kind) {
    case 'labels':
      return record === 'batch'
        ? 'The hub refused the labels themselves: signing them again unchanged would be refused again. Fix the items and submit them again (they are free for a new batch); these labels stay here.'
        : 'The hub refused the final labels themselves: signing them again unchanged would be refused again. These labels stay here.';
    case 'final':
      return 'Signing again would not change this: the hub’s rule stands whatever the signature. The labels stay here.';
    default:
      return null;
  }
}

/** The codes of the table (tests, README). */
export const KNOWN_REFUSAL_CODES: readonly string[] = Object.keys(TABLE);
