import { RemoteError } from './errors';
import type { HostEventListener } from './eventBus';
import type { CallOutcome } from './wireMessages';

/**
 * What a proxy needs from a connection to a host. `call` resolves with the
 * result or rejects with a RemoteError carrying the host's message.
 */
export interface ClientTransport {
  call(service: string, method: string, args: unknown): Promise<unknown>;
  onEvent(listener: HostEventListener): () => void;
}

/** Result of a successful outcome, or the host's error re-thrown as a RemoteError. */
export function unwrapOutcome(outcome: CallOutcome): unknown {
  if (outcome.ok) return outcome.result;
  throw new RemoteError(outcome.error);
}
