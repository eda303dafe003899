import type { ClientTransport } from './clientTransport';
import { unwrapOutcome } from './clientTransport';
import type { HostEventListener } from './eventBus';
import type { CallOutcome } from './wireMessages';

/**
 * The whole surface the Electron preload exposes as `window.groundwork`.
 * `call` resolves with an outcome rather than rejecting, because Electron's
 * IPC drops an error's name and details on the way.
 */
export interface GroundworkBridge {
  call(service: string, method: string, args: unknown): Promise<CallOutcome>;
  onEvent(listener: HostEventListener): () => void;
}

/** Client transport over the preload bridge (Electron host). Bytes travel by structured clone, no codec needed. */
export function createIpcTransport(bridge: GroundworkBridge): ClientTransport {
  return {
    async call(service, method, args) {
      return unwrapOutcome(await bridge.call(service, method, args));
    },
    onEvent(listener) {
      return bridge.onEvent(listener);
    },
  };
}

/** The IPC channel names; main and preload must agree on them and nothing else. */
export const IPC_CALL_CHANNEL = 'groundwork:call';
export const IPC_EVENT_CHANNEL = 'groundwork:event';
