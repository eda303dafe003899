import type { EventEmitterFor, ServiceDef } from './defineService';
import type { HostEvent } from './wireMessages';

export type HostEventListener = (event: HostEvent) => void;

/** Anything events can be subscribed to: the bus, the dispatcher, a client transport. */
export interface EventSource {
  subscribe(listener: HostEventListener): () => void;
}

export interface EventBus extends EventSource {
  /** The typed emitter a service implementation publishes through; payloads are checked against the service's event schemas. */
  emitterFor<D extends ServiceDef>(def: D): EventEmitterFor<D>;
}

/** Host-side fan-out of service events to every connected renderer (each IPC window, each WebSocket). */
export function createEventBus(): EventBus {
  const listeners = new Set<HostEventListener>();
  const publish = (event: HostEvent) => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        // One broken connection must not stop the others from hearing the event.
        console.error(`event listener failed for ${event.service}.${event.event}:`, error);
      }
    }
  };
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emitterFor<D extends ServiceDef>(def: D): EventEmitterFor<D> {
      return (event, payload) => {
        const schema = def.events[event];
        if (!schema) throw new Error(`service ${def.name} declares no event "${event}"`);
        const parsed = schema.safeParse(payload);
        if (!parsed.success) {
          throw new Error(`event ${def.name}.${event} has an invalid payload: ${formatIssues(parsed.error.issues)}`);
        }
        publish({ service: def.name, event, payload: parsed.data });
      };
    },
  };
}

/** "path.to.field: message; other: message" — the form every validation error of the contract uses. */
export function formatIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): string {
  return issues.map((i) => `${i.path.length ? i.path.map(String).join('.') : '(arguments)'}: ${i.message}`).join('; ');
}
