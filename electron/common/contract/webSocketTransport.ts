import type { ClientTransport } from './clientTransport';
import { unwrapOutcome } from './clientTransport';
import { RemoteError } from './errors';
import type { HostEventListener } from './eventBus';
import { decodeWire, encodeWire } from './wireCodec';
import type { CallMessage, HostMessage } from './wireMessages';

// Handlers typed with method-style bivariance so both the DOM WebSocket and
// the `ws` package's class are accepted as the constructor.
type Handler<E> = { bivarianceHack(event: E): void }['bivarianceHack'];

/** The part of the WHATWG WebSocket this transport uses. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: Handler<unknown> | null;
  onmessage: Handler<{ data: unknown }> | null;
  onclose: Handler<{ code: number; reason: string }> | null;
  onerror: Handler<unknown> | null;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

export type ConnectionStatus = 'connecting' | 'open' | 'closed';

export interface WebSocketTransportOptions {
  /** ws://127.0.0.1:<port>/rpc?token=<token> */
  url: string;
  /** The global WebSocket in a page; the `ws` package's class in Node. */
  WebSocket: WebSocketConstructor;
  /** First reconnect delay; doubles up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  onStatus?: (status: ConnectionStatus) => void;
}

export interface WebSocketTransport extends ClientTransport {
  /** Stops reconnecting and fails everything still waiting. */
  close(): void;
  readonly status: ConnectionStatus;
}

const OPEN = 1;

/**
 * Client transport over the browser host's WebSocket. Calls made while
 * (re)connecting wait and are sent once the socket opens; calls already sent
 * fail with a clear RemoteError when the socket closes, since the host may or
 * may not have run them. Reconnects with exponential backoff.
 */
export function createWebSocketTransport(options: WebSocketTransportOptions): WebSocketTransport {
  const initialDelay = options.initialDelayMs ?? 250;
  const maxDelay = options.maxDelayMs ?? 5_000;
  const listeners = new Set<HostEventListener>();
  const sent = new Map<number, Pending>();
  const waiting: Array<{ message: CallMessage; pending: Pending }> = [];
  let nextId = 1;
  let delay = initialDelay;
  let socket: WebSocketLike | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;
  let status: ConnectionStatus = 'connecting';

  const setStatus = (next: ConnectionStatus) => {
    status = next;
    options.onStatus?.(next);
  };

  function connect() {
    timer = null;
    setStatus('connecting');
    const ws = new options.WebSocket(options.url);
    socket = ws;
    ws.onopen = () => {
      delay = initialDelay;
      setStatus('open');
      for (const { message, pending } of waiting.splice(0)) send(ws, message, pending);
    };
    ws.onmessage = (event) => handleMessage(event.data);
    ws.onerror = () => undefined; // onclose follows and does the work
    ws.onclose = (event) => {
      if (socket !== ws) return;
      socket = null;
      failSent(`connection to the host closed (code ${event.code}${event.reason ? `: ${event.reason}` : ''}) before it answered`);
      if (closed) return;
      setStatus('closed');
      timer = setTimeout(connect, delay);
      delay = Math.min(delay * 2, maxDelay);
    };
  }

  function send(ws: WebSocketLike, message: CallMessage, pending: Pending) {
    sent.set(message.id, pending);
    try {
      ws.send(encodeWire(message));
    } catch (error) {
      sent.delete(message.id);
      pending.reject(new RemoteError({ name: 'ConnectionError', message: `could not send ${message.service}.${message.method}: ${String(error)}` }));
    }
  }

  function handleMessage(data: unknown) {
    if (typeof data !== 'string') return;
    let message: HostMessage;
    try {
      message = decodeWire(data) as HostMessage;
    } catch {
      return; // not ours; the host only sends JSON
    }
    if (message.type === 'result') {
      const pending = sent.get(message.id);
      if (!pending) return;
      sent.delete(message.id);
      try {
        pending.resolve(unwrapOutcome(message));
      } catch (error) {
        pending.reject(error);
      }
    } else if (message.type === 'event') {
      const { service, event, payload } = message;
      for (const listener of [...listeners]) listener({ service, event, payload });
    }
  }

  function failSent(reason: string) {
    for (const [id, pending] of sent) {
      sent.delete(id);
      pending.reject(new RemoteError({ name: 'ConnectionError', message: `${pending.label}: ${reason}` }));
    }
  }

  connect();

  return {
    get status() {
      return status;
    },
    call(service, method, args) {
      if (closed) return Promise.reject(new RemoteError({ name: 'ConnectionError', message: `${service}.${method}: the connection to the host was closed` }));
      return new Promise((resolve, reject) => {
        const message: CallMessage = { type: 'call', id: nextId++, service, method, args };
        const pending = { resolve, reject, label: `${service}.${method}` };
        if (socket && socket.readyState === OPEN) send(socket, message, pending);
        else waiting.push({ message, pending });
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const ws = socket;
      failSent('the connection to the host was closed');
      for (const { pending } of waiting.splice(0)) {
        pending.reject(new RemoteError({ name: 'ConnectionError', message: `${pending.label}: the connection to the host was closed` }));
      }
      setStatus('closed');
      ws?.close(1000, 'client closed');
    },
  };
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
  label: string;
}
