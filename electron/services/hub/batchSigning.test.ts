import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubConfig } from '../../common/services/hubService';
import type { WalletKeys } from '../wallet/walletServiceImpl';
import { createBatchSigning, LIVE_LIMITS_TIMEOUT_MS } from './batchSigning';
import { createHubClient } from './hubClient';
import { createHubRegistry } from './hubRegistry';

const wallet = new Wallet(Wallet.createRandom().privateKey);
const keys: WalletKeys = { address: async () => wallet.address, signer: () => wallet, onLock: () => undefined };
/** Pinned when the hub was trusted: it took at most 3 boxes per item then. */
const pinned: HubConfig = { chainId: 31337, rewardsContract: '0x5FbDB2315678afecb367f032d93F642f64180aa3', token: null, limits: { maxShapesPerItem: 3 } };

// A hub that accepts the connection and never answers: what a hung or half-offline hub looks like.
let server: Server;
let hubUrl: string;
beforeAll(async () => {
  server = createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hubUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

const item = (itemId: string, boxes: number) => ({ itemId, shapes: Array.from({ length: boxes }, (_, i) => ({ className: 'car', box: { x: i, y: 0, w: 1, h: 1 } })) });

describe('prepareBatch when the hub does not answer /config', () => {
  it('waits only a few seconds, then checks against the pinned limits', async () => {
    const registry = createHubRegistry(null);
    await registry.remember(hubUrl, pinned);
    const signing = createBatchSigning(createHubClient(registry, keys), keys);

    const started = Date.now();
    await expect(signing.prepare(hubUrl, 'task_1', [item('a', 4)])).rejects.toMatchObject({ details: { code: 'over-hub-limit' } });
    // The read gave up at its short timeout, not the 30 s of an ordinary hub call.
    expect(Date.now() - started).toBeLessThan(LIVE_LIMITS_TIMEOUT_MS + 10_000);

    const { summary } = await signing.prepare(hubUrl, 'task_1', [item('a', 3)]);
    expect(summary).toMatchObject({ itemCount: 1, chainId: 31337, hub: hubUrl });
  }, 40_000);
});
