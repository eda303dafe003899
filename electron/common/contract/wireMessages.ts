import type { SerializedError } from './errors';

/** Renderer → host: one method call. `id` pairs it with its answer. */
export interface CallMessage {
  type: 'call';
  id: number;
  service: string;
  method: string;
  args: unknown;
}

/** The outcome of one call, as the dispatcher produces it and every transport carries it. */
export type CallOutcome = { ok: true; result: unknown } | { ok: false; error: SerializedError };

/** Host → renderer: the answer to a call. */
export type ResultMessage = { type: 'result'; id: number } & CallOutcome;

/** An event a service published; fanned out to every connected renderer. */
export interface HostEvent {
  service: string;
  event: string;
  payload: unknown;
}

/** Host → renderer: a pushed event. */
export type EventMessage = { type: 'event' } & HostEvent;

export type HostMessage = ResultMessage | EventMessage;
