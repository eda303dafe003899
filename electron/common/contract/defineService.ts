import type { z } from 'zod';

/**
 * One method of a service: a schema for its single argument object and one
 * for its result. Every call is validated against `args` on the host before
 * the implementation runs; results are validated in tests.
 */
export interface MethodDef<A extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  args: A;
  result: R;
}

export interface ServiceDef<
  M extends Record<string, MethodDef> = Record<string, MethodDef>,
  E extends Record<string, z.ZodType> = Record<string, z.ZodType>,
> {
  name: string;
  methods: M;
  events: E;
}

/** Declares a service; the generic proxy and dispatcher are driven by this object alone. */
export function defineService<M extends Record<string, MethodDef>, E extends Record<string, z.ZodType>>(
  name: string,
  methods: M,
  events: E,
): ServiceDef<M, E> {
  return { name, methods, events };
}

export function method<A extends z.ZodType, R extends z.ZodType>(args: A, result: R): MethodDef<A, R> {
  return { args, result };
}

/** The promise-returning interface a service definition describes. */
export type ServiceApi<D extends ServiceDef> = {
  [K in keyof D['methods']]: (args: z.input<D['methods'][K]['args']>) => Promise<z.output<D['methods'][K]['result']>>;
};

/** Implementation side: receives parsed (output-typed) arguments. */
export type ServiceImpl<D extends ServiceDef> = {
  [K in keyof D['methods']]: (args: z.output<D['methods'][K]['args']>) => Promise<z.input<D['methods'][K]['result']>>;
};

export type ServiceEventMap<D extends ServiceDef> = {
  [K in keyof D['events']]: z.output<D['events'][K]>;
};

/** What a service implementation uses to publish its events to every connected renderer. */
export type EventEmitterFor<D extends ServiceDef> = <K extends keyof D['events'] & string>(
  event: K,
  payload: ServiceEventMap<D>[K],
) => void;

/** Client side: the API plus typed event subscription. */
export type ServiceProxy<D extends ServiceDef> = ServiceApi<D> & {
  on<K extends keyof D['events'] & string>(event: K, listener: (payload: ServiceEventMap<D>[K]) => void): () => void;
};
