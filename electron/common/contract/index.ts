// The host contract's generic plumbing: pure TypeScript, runs in the renderer and in Node.
export * from './defineService';
export * from './errors';
export * from './wireMessages';
export { encodeWire, decodeWire } from './wireCodec';
export { createEventBus, formatIssues, type EventBus, type EventSource, type HostEventListener } from './eventBus';
export { createDispatcher, registerService, type Dispatcher, type DispatcherOptions, type ServiceRegistration } from './createDispatcher';
export { createProxy } from './createProxy';
export { unwrapOutcome, type ClientTransport } from './clientTransport';
export { createMemoryTransport } from './memoryTransport';
export { createIpcTransport, IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type GroundworkBridge } from './ipcTransport';
export {
  createWebSocketTransport,
  type ConnectionStatus,
  type WebSocketConstructor,
  type WebSocketLike,
  type WebSocketTransport,
  type WebSocketTransportOptions,
} from './webSocketTransport';
