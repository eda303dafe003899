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
}
