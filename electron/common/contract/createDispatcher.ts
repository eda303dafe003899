import type { ServiceDef, ServiceImpl } from './defineService';
import { InvalidArgumentsError, ServiceError, serializeError } from './errors';
import { formatIssues, type EventSource, type HostEventListener } from './eventBus';
import type { CallOutcome } from './wireMessages';

/** A service definition paired with its host implementation. */
export interface ServiceRegistration {
  def: ServiceDef;
  impl: Record<string, (args: never) => Promise<unknown>>;
}

/** Pairs a definition with an implementation, checking at compile time that the implementation fits. */
export function registerService<D extends ServiceDef>(def: D, impl: ServiceImpl<D>): ServiceRegistration {
  return { def, impl: impl as unknown as ServiceRegistration['impl'] };
}

export interface Dispatcher {
  /** Never rejects: every failure comes back as { ok: false, error } ready for the wire. */
  dispatch(service: string, method: string, args: unknown): Promise<CallOutcome>;
  subscribe(listener: HostEventListener): () => void;
}

export interface DispatcherOptions {
  /** Where services publish events (see createEventBus); without it the dispatcher has no events. */
  events?: EventSource;
  /** Check every result against its schema (a host bug becomes a clear error instead of a confused renderer). Default true. */
  validateResults?: boolean;
}

/** The host side of the contract, shared by the Electron IPC router and the browser host's WebSocket. */
export function createDispatcher(registrations: ServiceRegistration[], options: DispatcherOptions = {}): Dispatcher {
  const byName = new Map<string, ServiceRegistration>();
  for (const registration of registrations) {
    if (byName.has(registration.def.name)) throw new Error(`service "${registration.def.name}" is registered twice`);
    for (const name of Object.keys(registration.def.methods)) {
      if (typeof registration.impl[name] !== 'function') throw new Error(`service "${registration.def.name}" has no implementation of "${name}"`);
    }
    byName.set(registration.def.name, registration);
  }
  const validateResults = options.validateResults ?? true;

  async function run(service: string, method: string, args: unknown): Promise<unknown> {
    const registration = typeof service === 'string' ? byName.get(service) : undefined;
    if (!registration) throw new ServiceError(`unknown service "${String(service)}"`);
    const { def, impl } = registration;
    if (typeof method !== 'string' || !Object.hasOwn(def.methods, method)) {
      throw new ServiceError(`unknown method "${String(method)}" of service "${def.name}"`);
    }
    const methodDef = def.methods[method]!;
    const parsed = methodDef.args.safeParse(args);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message }));
      throw new InvalidArgumentsError(`invalid arguments for ${def.name}.${method}: ${formatIssues(parsed.error.issues)}`, { issues });
    }
    const result = await impl[method]!(parsed.data as never);
    if (!validateResults) return result;
    const checked = methodDef.result.safeParse(result);
    if (!checked.success) throw new Error(`${def.name}.${method} produced an invalid result: ${formatIssues(checked.error.issues)}`);
    return checked.data;
  }

  return {
    async dispatch(service, method, args) {
      try {
        return { ok: true, result: await run(service, method, args) };
      } catch (error) {
        return { ok: false, error: serializeError(error) };
      }
    },
    subscribe(listener) {
      return options.events ? options.events.subscribe(listener) : () => undefined;
    },
  };
}
