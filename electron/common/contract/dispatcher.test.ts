import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDispatcher, registerService } from './createDispatcher';
import { createProxy } from './createProxy';
import { defineService, method } from './defineService';
import { ServiceError } from './errors';
import { createEventBus } from './eventBus';
import { createMemoryTransport } from './memoryTransport';

const counter = defineService(
  'counter',
  {
    add: method(z.object({ by: z.number().int().min(1) }).strict(), z.object({ value: z.number() })),
    fail: method(z.object({}).strict(), z.object({})),
    broken: method(z.object({}).strict(), z.object({ value: z.number() })),
  },
  { changed: z.object({ value: z.number() }) },
);

function setup() {
  const events = createEventBus();
  const emit = events.emitterFor(counter);
  let value = 0;
  const dispatcher = createDispatcher(
    [
      registerService(counter, {
        add: async ({ by }) => {
          value += by;
          emit('changed', { value });
          return { value };
        },
        fail: async () => {
          throw new ServiceError('the counter is jammed', { reason: 'jam' });
        },
        broken: async () => ({ value: 'NaN' }) as unknown as { value: number },
      }),
    ],
    { events },
  );
  return { dispatcher, events, emit };
}

describe('dispatcher and proxy', () => {
  it('calls the implementation with parsed arguments and fans events out to every subscriber', async () => {
    const { dispatcher } = setup();
    const one = createProxy(counter, createMemoryTransport(dispatcher));
    const two = createProxy(counter, createMemoryTransport(dispatcher));
    const seenByOne: number[] = [];
    const seenByTwo: number[] = [];
    const off = one.on('changed', (e) => seenByOne.push(e.value));
    two.on('changed', (e) => seenByTwo.push(e.value));
    expect(await one.add({ by: 2 })).toEqual({ value: 2 });
    off();
    expect(await two.add({ by: 3 })).toEqual({ value: 5 });
    expect(seenByOne).toEqual([2]);
    expect(seenByTwo).toEqual([2, 5]);
  });

  it('answers errors as data: validation issues, service errors, invalid results', async () => {
    const { dispatcher } = setup();
    expect(await dispatcher.dispatch('counter', 'add', { by: 0 })).toEqual({
      ok: false,
      error: { name: 'InvalidArgumentsError', message: 'invalid arguments for counter.add: by: Too small: expected number to be >=1', details: { issues: [{ path: ['by'], message: 'Too small: expected number to be >=1' }] } },
    });
    expect(await dispatcher.dispatch('counter', 'add', 'not an object')).toMatchObject({ ok: false, error: { message: /counter\.add: \(arguments\): Invalid input: expected object/ } });
    expect(await dispatcher.dispatch('counter', 'fail', {})).toEqual({ ok: false, error: { name: 'ServiceError', message: 'the counter is jammed', details: { reason: 'jam' } } });
    expect(await dispatcher.dispatch('counter', 'broken', {})).toMatchObject({ ok: false, error: { message: /counter\.broken produced an invalid result: value/ } });
    expect(await dispatcher.dispatch('counter', '__proto__', {})).toMatchObject({ ok: false, error: { message: 'unknown method "__proto__" of service "counter"' } });
    expect(await dispatcher.dispatch(42 as unknown as string, 'add', {})).toMatchObject({ ok: false, error: { message: 'unknown service "42"' } });
  });

  it('refuses events the service does not declare or payloads that do not match', () => {
    const { emit } = setup();
    expect(() => emit('changed', { value: 'x' } as unknown as { value: number })).toThrow(/event counter\.changed has an invalid payload: value/);
    expect(() => emit('nope' as 'changed', { value: 1 })).toThrow(/declares no event "nope"/);
    expect(() => createProxy(counter, createMemoryTransport(setup().dispatcher)).on('nope' as 'changed', () => undefined)).toThrow(/declares no event "nope"/);
  });

  it('refuses incomplete implementations and duplicate services at start', () => {
    expect(() => createDispatcher([{ def: counter, impl: {} }])).toThrow('service "counter" has no implementation of "add"');
    const reg = registerService(counter, { add: async () => ({ value: 0 }), fail: async () => ({}), broken: async () => ({ value: 0 }) });
    expect(() => createDispatcher([reg, reg])).toThrow('service "counter" is registered twice');
  });
});
