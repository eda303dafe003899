import type { WebSocket } from 'ws';
import type { Dispatcher } from '../common/contract/createDispatcher';
import { decodeWire, encodeWire } from '../common/contract/wireCodec';
import type { CallMessage, HostMessage } from '../common/contract/wireMessages';

/** Largest message a renderer may send (an export of 100k boxes is ~20 MB of JSON). */
export const MAX_MESSAGE_BYTES = 128 * 1024 * 1024;

/** Serves the contract over one accepted WebSocket: calls go to the dispatcher, every event is pushed. */
export function serveRpcConnection(socket: WebSocket, dispatcher: Dispatcher): void {
  const send = (message: HostMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(encodeWire(message));
  };
  const unsubscribe = dispatcher.subscribe((event) => send({ type: 'event', ...event }));
  socket.on('close', unsubscribe);
  // ws reports protocol violations (e.g. an oversized message) here and then
  // closes the socket itself; unhandled, they would crash the whole host.
  socket.on('error', () => undefined);
  socket.on('message', (data, isBinary) => {
    const call = isBinary ? null : parseCall(data.toString());
    if (!call) {
      socket.close(1008, 'expected a JSON call message');
      return;
    }
    void dispatcher.dispatch(call.service, call.method, call.args).then((outcome) => send({ type: 'result', id: call.id, ...outcome }));
  });
}

function parseCall(text: string): CallMessage | null {
  let value: unknown;
  try {
    value = decodeWire(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const m = value as Partial<CallMessage>;
  if (m.type !== 'call' || typeof m.id !== 'number' || typeof m.service !== 'string' || typeof m.method !== 'string') return null;
  return { type: 'call', id: m.id, service: m.service, method: m.method, args: m.args };
}
