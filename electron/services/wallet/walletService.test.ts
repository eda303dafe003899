import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { encryptKeystoreJson, Wallet } from 'ethers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, registerService } from '../../common/contract/createDispatcher';
import { createProxy } from '../../common/contract/createProxy';
import { RemoteError } from '../../common/contract/errors';
import { createEventBus } from '../../common/contract/eventBus';
import { createMemoryTransport } from '../../common/contract/memoryTransport';
import { encodeWire } from '../../common/contract/wireCodec';
import { walletService } from '../../common/services/walletService';
import { createWallet } from './walletServiceImpl';

const CHEAP = { n: 1 << 12, r: 8, p: 1 };
let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'gw-wallet-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** The wallet behind the real contract plumbing, with every response and event recorded as it crosses the wire. */
function harness(options = { scrypt: CHEAP }) {
  const events = createEventBus();
  const wallet = createWallet(dataDir, events.emitterFor(walletService), options);
  const dispatcher = createDispatcher([registerService(walletService, wallet.service)], { events });
  const wire: string[] = [];
  const recording = {
    dispatch: async (s: string, m: string, a: unknown) => {
      const outcome = await dispatcher.dispatch(s, m, a);
      wire.push(encodeWire(outcome));
      return outcome;
    },
    subscribe: (listener: Parameters<typeof dispatcher.subscribe>[0]) =>
      dispatcher.subscribe((event) => {
        wire.push(encodeWire(event));
        listener(event);
      }),
  };
  const client = createProxy(walletService, createMemoryTransport(recording));
  return { client, keys: wallet.keys, wire };
}

describe('wallet service', () => {
  it('creates a keystore ethers opens with the same password, and unlocks it again after a lock', async () => {
    const { client, keys } = harness();
    expect(await client.status({})).toEqual({ address: null, unlocked: false });
    const created = await client.create({ password: 'correct horse' });
    expect(created.unlocked).toBe(true);
    const json = await readFile(path.join(dataDir, 'wallet', 'keystore.json'), 'utf8');
    const opened = await Wallet.fromEncryptedJson(json, 'correct horse');
    expect(opened.address).toBe(created.address);
    expect(keys.signer().address).toBe(created.address);

    expect(await client.lock({})).toEqual({ address: created.address, unlocked: false });
    expect(() => keys.signer()).toThrow(/locked/);
    await expect(client.unlock({ password: 'wrong horse' })).rejects.toMatchObject({ remoteName: 'ServiceError', details: { code: 'wrong-password' } });
    expect(await client.unlock({ password: 'correct horse' })).toEqual({ address: created.address, unlocked: true });
    expect((await client.exportKeystore({})).keystoreJson).toBe(json);
  });

  it('imports an ethers keystore (standard scrypt cost) and a raw private key; refuses to replace a wallet silently', async () => {
    const { client } = harness();
    const source = Wallet.createRandom();
    const json = await encryptKeystoreJson({ address: source.address, privateKey: source.privateKey }, 'pw-12345678', { scrypt: { N: 1 << 14 } });
    expect(await client.import({ keystoreJson: json, password: 'pw-12345678' })).toEqual({ address: source.address, unlocked: true });

    const other = Wallet.createRandom();
    await expect(client.import({ privateKey: other.privateKey, password: 'pw-12345678' })).rejects.toMatchObject({ details: { code: 'exists' } });
    expect(await client.import({ privateKey: other.privateKey, password: 'pw-12345678', replace: true })).toEqual({ address: other.address, unlocked: true });
    const stored = await readFile(path.join(dataDir, 'wallet', 'keystore.json'), 'utf8');
    expect((await Wallet.fromEncryptedJson(stored, 'pw-12345678')).address).toBe(other.address);
  });

  it('says what is wrong with a bad keystore, key or password', async () => {
    const { client } = harness();
    await expect(client.import({ keystoreJson: '{"version":3}', password: 'x' })).rejects.toMatchObject({ details: { code: 'bad-keystore' } });
    await expect(client.import({ privateKey: '0x1234', password: 'pw-12345678' })).rejects.toMatchObject({ details: { code: 'bad-key' } });
    await expect(client.import({ privateKey: '0x' + '0'.repeat(64), password: 'pw-12345678' })).rejects.toMatchObject({ details: { code: 'bad-key' } });
    const error = await client.create({ password: 'short' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect((error as RemoteError).message).toMatch(/at least 8/);
    await expect(client.unlock({ password: 'anything' })).rejects.toMatchObject({ details: { code: 'no-wallet' } });
  });

  it('keeps the event loop ticking and reports progress while the standard scrypt runs', async () => {
    const { client } = harness({ scrypt: { n: 1 << 17, r: 8, p: 1 } });
    const progress: number[] = [];
    client.on('progress', (p) => progress.push(p.percent));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const started = performance.now();
    await client.create({ password: 'correct horse' });
    await client.lock({});
    await client.unlock({ password: 'correct horse' });
    clearInterval(timer);
    const elapsed = performance.now() - started;
    // A blocked loop gives 0 ticks (ethers' own scrypt); a free one about elapsed/10, less on a loaded box.
    expect(ticks).toBeGreaterThan(Math.min(10, elapsed / 40));
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(100);
    expect(progress.filter((p) => p === 100)).toHaveLength(2);
  }, 30_000);

  it('never sends the private key to the renderer, in any response or event', async () => {
    const { client, keys, wire } = harness();
    client.on('changed', () => undefined);
    client.on('progress', () => undefined);
    await client.create({ password: 'correct horse' });
    await client.status({});
    await client.exportKeystore({});
    await client.lock({});
    await client.unlock({ password: 'correct horse' });
    const key = keys.signer().privateKey.slice(2).toLowerCase();
    const imported = Wallet.createRandom();
    await client.import({ privateKey: imported.privateKey, password: 'pw-12345678', replace: true });
    expect(wire.filter((m) => m.includes('"event"')).length).toBeGreaterThan(4);
    expect(wire.length).toBeGreaterThan(10);
    for (const message of wire) {
      expect(message.toLowerCase()).not.toContain(key);
      expect(message.toLowerCase()).not.toContain(imported.privateKey.slice(2).toLowerCase());
    }
  });
});
