import { DisputeSchema, type Dispute } from '../../electron/common/services/hubReviewSchemas';
import type { GroundworkDb } from '../store/db';
import { draftRow, readReviewDraft } from '../store/reviewDrafts';
import type { DisputeRecord } from '../store/syncRecords';
import type { ReviewDraft } from './reviewTypes';
import type { VideoReviewDraft } from './videoReviewTypes';

/** A downloaded dispute with its payload checked and the reviewer's draft read through its migrator. */
export interface StoredDispute {
  record: DisputeRecord;
  dispute: Dispute;
  /** The saved draft at the current version, without its version stamp (the sessions check its shape). */
  draft: { decisions: unknown[] } | undefined;
}

/**
 * The disputes downloaded for offline review (Dexie v6 `disputes`): the hub's
 * payload, where the picture is, the reviewer's draft (saved on every
 * decision) and whether the verdict went to the outbox.
 */
export class DisputeStore {
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly db: GroundworkDb,
    private readonly now: () => number = Date.now,
  ) {}

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Oldest download first: the queue's order. */
  async list(hubUrl?: string): Promise<DisputeRecord[]> {
    const rows = hubUrl ? await this.db.disputes.where('hubUrl').equals(hubUrl).toArray() : await this.db.disputes.toArray();
    return rows.sort((a, b) => a.downloadedAt - b.downloadedAt || (a.itemId < b.itemId ? -1 : 1));
  }

  async get(hubUrl: string, itemId: string): Promise<StoredDispute> {
    const record = await this.db.disputes.get([hubUrl, itemId]);
    if (!record) throw new Error(`dispute ${itemId} of ${hubUrl} is not downloaded`);
    const parsed = DisputeSchema.safeParse(record.dispute);
    if (!parsed.success) throw new Error(`the stored dispute ${itemId} is unreadable (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}); download it again`);
    return { record, dispute: parsed.data, draft: readReviewDraft(record) };
  }

  /** Saves freshly downloaded disputes; a draft or a submitted state already there is kept. */
  async saveDownloaded(hubUrl: string, entries: { dispute: Dispute; media: DisputeRecord['media'] }[]): Promise<void> {
    await this.db.transaction('rw', this.db.disputes, async () => {
      for (const { dispute, media } of entries) {
        const old = await this.db.disputes.get([hubUrl, dispute.itemId]);
        const at = this.now();
        await this.db.disputes.put({
          hubUrl,
          itemId: dispute.itemId,
          taskId: dispute.taskId,
          dispute,
          media: media ?? old?.media ?? null,
          draft: old?.draft,
          state: old?.state ?? 'open',
          outboxId: old?.outboxId,
          downloadedAt: old?.downloadedAt ?? at,
          updatedAt: at,
        });
      }
    });
    this.notify();
  }

  /** Saves the reviewer's draft as a versioned `reviewDraft` row (read back by `get`). */
  async saveDraft(hubUrl: string, itemId: string, draft: ReviewDraft | VideoReviewDraft): Promise<void> {
    await this.db.disputes.update([hubUrl, itemId], { draft: draftRow(draft), updatedAt: this.now() });
  }

  async markSubmitted(hubUrl: string, itemId: string, outboxId: string): Promise<void> {
    await this.db.disputes.update([hubUrl, itemId], { state: 'submitted', outboxId, updatedAt: this.now() });
    this.notify();
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }
}
