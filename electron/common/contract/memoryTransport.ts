import type { ClientTransport } from './clientTransport';
import { unwrapOutcome } from './clientTransport';
import type { Dispatcher } from './createDispatcher';
import { decodeWire, encodeWire } from './wireCodec';

/**
 * A client wired straight to a dispatcher in the same process (tests, tools).
 * Everything crosses the wire codec both ways so that what works here also
 * survives the WebSocket: nothing shared by reference, bytes as base64.
 */
export function createMemoryTransport(dispatcher: Dispatcher): ClientTransport & { close(): void } {
  const unsubscribers = new Set<() => void>();
  return {
    async call(service, method, args) {
      const outcome = await dispatcher.dispatch(service, method, decodeWire(encodeWire(args)));
      return unwrapOutcome(decodeWire(encodeWire(outcome)) as typeof outcome);
    },
    onEvent(listener) {
      const unsubscribe = dispatcher.subscribe((event) => listener(decodeWire(encodeWire(event)) as typeof event));
      unsubscribers.add(unsubscribe);
      return () => {
        unsubscribe();
        unsubscribers.delete(unsubscribe);
      };
    },
    close() {
      for (const unsubscribe of unsubscribers) unsubscribe();
      unsubscribers.clear();
    },
  };
}
