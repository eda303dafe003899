import type { UploadResult, VerdictUploadResult } from '../../electron/common/services/hubService';
import type { OutboxRecord } from '../store/syncRecords';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { signedBatchOf, type Outbox } from './outbox';
import { reopenForSigning } from './resign';
import { confirmSigning, prepareSigning, type SigningRequest } from './signBatch';
import { confirmVerdictSigning, prepareVerdictSigning, type VerdictSigningRequest } from './signVerdict';
import { describeThrown, type BatchTransport, type Connectivity } from './transport';
import { signedVerdictOf, type VerdictTransport } from './verdictRecords';

type UploadOutcome = UploadResult | VerdictUploadResult | { status: 'error'; reason: string };

export interface SyncStatus {
  /** The machine reports a network (navigator.onLine). */
  online: boolean;
  /** The last upload reached the hub (null: nothing tried yet). A network failure sets false until an upload gets through. */
  hubReachable: boolean | null;
  /** Uploads in flight now. */
  uploading: number;
  /** The last failure that keeps batches waiting (network or a locked wallet), if any. */
  lastProblem: string | null;
}

export interface SyncEngineOptions {
  outbox: Outbox;
  /** The host's hub service; verdict records need its verdict methods too (`host.hub` has both). */
  transport: BatchTransport & Partial<VerdictTransport>;
  connectivity: Connectivity;
  backoff?: BackoffPolicy;
  /** Uploads at once (the hub dedupes, so this is about throughput only). */
  concurrency?: number;
  random?: () => number;
}

/**
 * Uploads the outbox's signed batches whenever the machine is online: due
 * records one small wave at a time, each failure pushed back with exponential
 * backoff and jitter (persisted on the record, so it survives restarts).
 * Accepted and rejected end a signature's uploads; nothing is ever dropped, and
 * a signature is never replaced except by the user's "Sign again" (resign.ts).
 */
export class SyncEngine {
  private readonly outbox: Outbox;
  private readonly transport: BatchTransport & Partial<VerdictTransport>;
  private readonly connectivity: Connectivity;
  private readonly backoff: BackoffPolicy;
  private readonly concurrency: number;
  private readonly random: () => number;
  private readonly listeners = new Set<(status: SyncStatus) => void>();
  private state: SyncStatus;
  private running = false;
  private pumping: Promise<void> | null = null;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private offConnectivity: (() => void) | null = null;

  constructor(options: SyncEngineOptions) {
    this.outbox = options.outbox;
    this.transport = options.transport;
    this.connectivity = options.connectivity;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.concurrency = options.concurrency ?? 2;
    this.random = options.random ?? Math.random;
    this.state = { online: this.connectivity.isOnline(), hubReachable: null, uploading: 0, lastProblem: null };
  }

  status(): SyncStatus {
    return this.state;
  }

  onStatus(listener: (status: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.outbox.recoverInterrupted();
    this.offConnectivity = this.connectivity.subscribe((online) => {
      this.update({ online });
      if (online) void this.outbox.retryAllNow().then(() => this.kick());
    });
    this.kick();
  }

  /** Stops scheduling and waits for uploads in flight to settle (their outcome is still recorded). */
  async stop(): Promise<void> {
    this.running = false;
    this.offConnectivity?.();
    this.offConnectivity = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.pumping;
  }

  /** Look for due work now (after a submit, a signature, coming online). */
  kick(): void {
    if (!this.running) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = this.pump().finally(() => {
      this.pumping = null;
      if (this.again) {
        this.again = false;
        this.kick();
      } else void this.scheduleNext();
    });
  }

  /** Resolves once nothing is due and nothing is in flight (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pumping) await this.pumping;
  }

  prepareSigning(recordId: string): Promise<SigningRequest> {
    return prepareSigning(this.outbox, this.transport, recordId);
  }

  /** Signs after the user confirmed; the first upload's outcome counts as attempt 1. */
  async confirmSigning(request: SigningRequest): Promise<OutboxRecord> {
    const record = await confirmSigning(this.outbox, this.transport, request, async (signed, upload) => {
      if (await this.outbox.beginUpload(signed.id)) await this.finish(signed.id, upload);
    });
    this.kick();
    return record;
  }

  /** "Sign again" on a record refused for a reason that is not its labels: back to unsigned, same labels, refusal kept in its history. */
  reopenForSigning(recordId: string): Promise<OutboxRecord> {
    return reopenForSigning(this.outbox, recordId);
  }

  async prepareVerdictSigning(recordId: string): Promise<VerdictSigningRequest> {
    return prepareVerdictSigning(this.outbox, this.verdicts(), recordId);
  }

  /** Signs a verdict after the reviewer confirmed; like a batch, the signed form is saved before the first upload. */
  async confirmVerdictSigning(request: VerdictSigningRequest): Promise<OutboxRecord> {
    const record = await confirmVerdictSigning(this.outbox, this.verdicts(), request, async (signed, upload) => {
      if (await this.outbox.beginUpload(signed.id)) await this.finish(signed.id, upload);
    });
    this.kick();
    return record;
  }

  private verdicts(): VerdictTransport {
    const { prepareVerdict, signVerdict, uploadVerdict } = this.transport;
    if (!prepareVerdict || !signVerdict || !uploadVerdict) throw new Error('this host cannot sign or upload verdicts');
    return this.transport as VerdictTransport;
  }

  private async pump(): Promise<void> {
    while (this.running && this.connectivity.isOnline()) {
      const due = await this.outbox.due(this.concurrency);
      if (due.length === 0) return;
      await Promise.all(due.map((r) => this.uploadOne(r)));
    }
  }

  private async uploadOne(due: OutboxRecord): Promise<void> {
    const record = await this.outbox.beginUpload(due.id);
    if (!record) return;
    this.update({ uploading: this.state.uploading + 1 });
    let result: UploadOutcome;
    try {
      result = record.kind === 'verdict' ? await this.verdicts().uploadVerdict({ signed: signedVerdictOf(record) }) : await this.transport.uploadSigned({ signed: signedBatchOf(record) });
    } catch (error) {
      const { message, code } = describeThrown(error);
      result = { status: 'error', reason: code === 'locked' ? 'the wallet is locked: unlock it so the host can sign in to the hub' : message };
    } finally {
      this.update({ uploading: this.state.uploading - 1 });
    }
    await this.finish(record.id, result);
  }

  private async finish(id: string, result: UploadOutcome): Promise<void> {
    await this.outbox.finishUpload(id, result, this.backoff, this.random);
    if (result.status === 'accepted' || result.status === 'rejected') this.update({ hubReachable: true, lastProblem: null });
    else if (result.status === 'network') this.update({ hubReachable: false, lastProblem: result.failure.reason });
    else this.update({ lastProblem: result.reason });
  }

  private async scheduleNext(): Promise<void> {
    if (!this.running) return;
    const at = await this.outbox.nextDueAt();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (at === null || !this.running) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kick();
    }, Math.max(0, at - Date.now()));
  }

  private update(patch: Partial<SyncStatus>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }
}
