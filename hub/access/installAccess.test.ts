import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { HubContext } from '../context';
import { installAccess } from './installAccess';

/** No route can forget its rule: the hub refuses to start instead. */
describe('installAccess', () => {
  const app = () => {
    const a = Fastify();
    installAccess(a, {} as HubContext);
    return a;
  };

  it('refuses to start with a route that declares no access rule', async () => {
    // At the top level the declaration throws at once; inside a plugin (as buildApp adds routes), ready() fails.
    expect(() => app().get('/forgotten', async () => ({ secret: true }))).toThrow(/GET \/forgotten declares no access rule/);
    const a = app();
    a.register(async (scope) => {
      scope.post('/forgotten', async () => ({ secret: true }));
    });
    await expect(a.ready()).rejects.toThrow(/POST \/forgotten declares no access rule/);
  });

  it('refuses an unknown rule, also inside a plugin', async () => {
    const a = app();
    a.register(async (scope) => {
      scope.get('/typo', { config: { access: 'evryone' as never } }, async () => ({}));
    });
    await expect(a.ready()).rejects.toThrow(/GET \/typo declares an unknown access rule "evryone"/);
  });

  it('starts when every route declares one, and a public route needs no session', async () => {
    const a = app();
    a.get('/open', { config: { access: 'anyone' } }, async () => ({ ok: true }));
    await a.ready();
    expect((await a.inject({ method: 'GET', url: '/open' })).json()).toEqual({ ok: true });
    await a.close();
  });
});
