import type { ServiceDef, ServiceProxy } from './defineService';
import type { ClientTransport } from './clientTransport';

/**
 * The one generic client for every service: a method per entry of
 * `def.methods`, all going through `transport.call`, plus `on(event)`.
 * Arguments are validated on the host, so nothing is trusted here.
 */
export function createProxy<D extends ServiceDef>(def: D, transport: ClientTransport): ServiceProxy<D> {
  const proxy: Record<string, unknown> = {};
  for (const method of Object.keys(def.methods)) {
    proxy[method] = (args: unknown) => transport.call(def.name, method, args);
  }
  proxy.on = (event: string, listener: (payload: unknown) => void) => {
    if (!Object.hasOwn(def.events, event)) throw new Error(`service ${def.name} declares no event "${event}"`);
    return transport.onEvent((e) => {
      if (e.service === def.name && e.event === event) listener(e.payload);
    });
  };
  return proxy as ServiceProxy<D>;
}
