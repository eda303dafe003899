import type { BatchItem, BatchSummary, SignedBatch, UploadResult } from '../../electron/common/services/hubService';

/**
 * What sync needs of the host's hub service (`host.hub` satisfies it): the
 * two signing steps and the re-send of an already signed batch. Tests pass
 * the Node-side service itself.
 */
export interface BatchTransport {
  prepareBatch(args: { hubUrl: string; taskId: string; items: BatchItem[] }): Promise<{ requestId: string; summary: BatchSummary }>;
  signBatch(args: { requestId: string }): Promise<SignedBatch>;
  uploadSigned(args: { signed: SignedBatch }): Promise<UploadResult>;
}

/** Whether the machine thinks it has a network at all (navigator.onLine in the app). */
export interface Connectivity {
  isOnline(): boolean;
  subscribe(listener: (online: boolean) => void): () => void;
}

export const alwaysOnline: Connectivity = { isOnline: () => true, subscribe: () => () => undefined };

/** A thrown host error's message and its `details.code` when it has one (ServiceError). */
export function describeThrown(error: unknown): { message: string; code?: string } {
  const message = error instanceof Error ? error.message : String(error);
  const details = (error as { details?: { code?: unknown } } | null)?.details;
  return typeof details?.code === 'string' ? { message, code: details.code } : { message };
}
