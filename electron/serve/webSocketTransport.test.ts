import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { RemoteError } from '../common/contract/errors';
import { createWebSocketTransport, type WebSocketTransport } from '../common/contract/webSocketTransport';
import { decodeWire, encodeWire } from '../common/contract/wireCodec';
import type { CallMessage } from '../common/contract/wireMessages';

// A bare `ws` server scripted per connection, so the client transport's
// failure handling is exercised deterministically.
let server: WebSocketServer | undefined;
let transport: WebSocketTransport | undefined;
afterEach(async () => {
  transport?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

async function scriptedServer(onCall: (socket: WebSocket, call: CallMessage, connection: number) => void) {
  server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server!.once('listening', resolve));
  let connections = 0;
  server.on('connection', (socket) => {
    const connection = ++connections;
    socket.on('message', (data) => onCall(socket, decodeWire(data.toString()) as CallMessage, connection));
  });
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/rpc`;
}

describe('WebSocket client transport', () => {
  it('fails a call in flight when the socket closes, then reconnects for the next', async () => {
    const url = await scriptedServer((socket, call, connection) => {
      if (connection === 1) socket.close(1011, 'host crashed');
      else socket.send(encodeWire({ type: 'result', id: call.id, ok: true, result: { echo: call.args } }));
    });
    const statuses: string[] = [];
    transport = createWebSocketTransport({ url, WebSocket, initialDelayMs: 10, onStatus: (s) => statuses.push(s) });
    const first = transport.call('app', 'getInfo', {});
    await expect(first).rejects.toBeInstanceOf(RemoteError);
    await expect(first).rejects.toThrow('app.getInfo: connection to the host closed (code 1011: host crashed) before it answered');
    expect(await transport.call('app', 'getInfo', { n: new Uint8Array([1, 2, 3]) })).toEqual({ echo: { n: new Uint8Array([1, 2, 3]) } });
    expect(statuses).toEqual(['connecting', 'open', 'closed', 'connecting', 'open']);
  });

  it('re-throws host errors as RemoteError and delivers events', async () => {
    const url = await scriptedServer((socket, call) => {
      socket.send(encodeWire({ type: 'event', service: 'jobs', event: 'changed', payload: { id: 'j1' } }));
      socket.send(encodeWire({ type: 'result', id: call.id, ok: false, error: { name: 'MediaError', message: 'nope', details: { code: 'forbidden' } } }));
    });
    transport = createWebSocketTransport({ url, WebSocket });
    const events: unknown[] = [];
    transport.onEvent((e) => events.push(e));
    const error = (await transport.call('media', 'readImage', {}).catch((e: unknown) => e)) as RemoteError;
    expect(error).toBeInstanceOf(RemoteError);
    expect([error.message, error.remoteName, error.details]).toEqual(['nope', 'MediaError', { code: 'forbidden' }]);
    expect(events).toEqual([{ service: 'jobs', event: 'changed', payload: { id: 'j1' } }]);
  });

  it('fails waiting calls and refuses new ones once closed', async () => {
    const url = await scriptedServer(() => undefined);
    transport = createWebSocketTransport({ url, WebSocket });
    const waiting = transport.call('app', 'getInfo', {});
    transport.close();
    await expect(waiting).rejects.toThrow(/app\.getInfo: the connection to the host was closed/);
    await expect(transport.call('app', 'getInfo', {})).rejects.toThrow(/the connection to the host was closed/);
  });
});
