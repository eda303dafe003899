/**
 * Records of the network half (v5). The outbox is what sync uploads: a row is
 * written when the annotator submits a work unit, and it is never deleted by
 * sync — only its state moves (pending → uploading → accepted | rejected).
 */
export type OutboxState = 'pending' | 'uploading' | 'accepted' | 'rejected';

export interface OutboxRecord {
  id: string;
  /** 'batch' (labels of a work unit) or 'verdict' (a reviewer's decision, later issue). */
  kind: 'batch' | 'verdict';
  hubUrl: string;
  projectId: string;
  taskId: string;
  /** The canonical, unsigned payload (core's canonical batch form); the Node side signs it. */
  payload: unknown;
  state: OutboxState;
  /** Set once signed: the signature, signer and nonce, so a retry re-sends the same signed batch. */
  signed?: { signature: string; signer: string; nonce: string; deadline: number; root: string };
  attempts: number;
  nextAttemptAt: number;
  lastError?: string;
  receipt?: unknown;
  createdAt: number;
  updatedAt: number;
}

export interface HubTaskRecord {
  hubUrl: string;
  taskId: string;
  /** The local project that holds this task's media and labels. */
  projectId: string;
  title: string;
  /** Task description as the hub sent it (schema, redundancy, reward). */
  task: unknown;
  downloadedAt: number;
  /** When the annotator closed the task's instructions (not indexed: no schema change); absent: show them before the first item. */
  instructionsSeenAt?: number;
}

/**
 * A disputed item downloaded for offline review (v6): the hub's dispute as
 * sent (every submission and the consensus proposal), where its picture is,
 * and the reviewer's draft decisions so a review survives a reload.
 */
export interface DisputeRecord {
  hubUrl: string;
  itemId: string;
  taskId: string;
  /** The hub's GET /disputes entry, unchanged. */
  dispute: unknown;
  /** The picture inside a granted media root (the 'download' job's folder), or null before the download. */
  media: { rootId: string; relPath: string } | null;
  /** The review model's draft (renderer/review), saved on every decision. */
  draft?: unknown;
  /** 'submitted' once the signed verdict is in the outbox (`outboxId`). */
  state: 'open' | 'submitted';
  outboxId?: string;
  downloadedAt: number;
  updatedAt: number;
}
