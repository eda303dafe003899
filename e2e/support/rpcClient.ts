// A Node client of the browser host's contract, made of the same generic
// proxy and WebSocket transport the renderer uses, so tests drive the host
// exactly as a page would.
import WebSocket from 'ws';
import { createProxy, createWebSocketTransport, type WebSocketConstructor } from '../../electron/common/contract';
import { appService, mediaService } from '../../electron/common/services';

export function connectRpc(port: number, token: string) {
  const transport = createWebSocketTransport({
    url: `ws://127.0.0.1:${port}/rpc?token=${encodeURIComponent(token)}`,
    WebSocket: WebSocket as unknown as WebSocketConstructor,
  });
  return {
    app: createProxy(appService, transport),
    media: createProxy(mediaService, transport),
    close: () => transport.close(),
  };
}

/** How the host treated a raw WebSocket that asked for app.getInfo. */
export interface RawCallOutcome {
  answered: boolean;
  /** HTTP status of a refused upgrade. */
  status?: number;
  /** Close code when the host accepted the upgrade and then closed it. */
  closeCode?: number;
  error?: string;
}

/**
 * Opens a raw WebSocket, sends one well-formed call and reports whether the
 * host answered it. A host may refuse at the upgrade (HTTP status) or accept
 * and close; either way an unauthorised socket must get no answer.
 */
export function rawCall(url: string, options: { headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<RawCallOutcome> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers: options.headers });
    const finish = (outcome: RawCallOutcome) => {
      clearTimeout(timer);
      ws.removeAllListeners();
      ws.on('error', () => undefined);
      ws.terminate();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ answered: false, error: `no answer within ${timeoutMs} ms` }), timeoutMs);
    ws.on('open', () => ws.send(JSON.stringify({ type: 'call', id: 1, service: 'app', method: 'getInfo', args: {} })));
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type?: string; id?: number; ok?: boolean };
      if (message.type === 'result' && message.id === 1) finish({ answered: message.ok === true, error: message.ok ? undefined : String(data) });
    });
    ws.on('unexpected-response', (_request, response) => finish({ answered: false, status: response.statusCode }));
    ws.on('close', (code) => finish({ answered: false, closeCode: code }));
    ws.on('error', (error) => finish({ answered: false, error: error.message }));
  });
}
