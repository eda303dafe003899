import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHubRegistry } from '../hub/hubRegistry';
import { wantsLocalNetwork } from './localNetworkMode';

const CONFIG = { chainId: 31337, rewardsContract: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512', token: null };
let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'gw-localmode-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('GROUNDWORK_LOCAL_NETWORK', () => {
  it("'auto' starts it until the workstation knows a hub of its own; '1' always; unset never", async () => {
    expect(await wantsLocalNetwork(dataDir, 'auto')).toBe(true);
    expect(await wantsLocalNetwork(dataDir, undefined)).toBe(false);
    await createHubRegistry(dataDir).remember('http://127.0.0.1:5000', CONFIG, { local: true, makeDefault: true });
    expect(await wantsLocalNetwork(dataDir, 'auto')).toBe(true);
    await createHubRegistry(dataDir).remember('https://hub.example.org', CONFIG);
    expect(await wantsLocalNetwork(dataDir, 'auto')).toBe(false);
    expect(await wantsLocalNetwork(dataDir, '1')).toBe(true);
    expect(await wantsLocalNetwork(dataDir, '0')).toBe(false);
  });

  it('keeps one local hub: a new run replaces the previous run’s (gone) hub and becomes the default', async () => {
    const registry = createHubRegistry(dataDir);
    await registry.remember('http://127.0.0.1:5000', CONFIG, { local: true, makeDefault: true });
    await registry.remember('https://hub.example.org', CONFIG);
    await registry.remember('http://127.0.0.1:6000', CONFIG, { local: true, makeDefault: true });
    const { defaultHub, hubs } = await createHubRegistry(dataDir).list();
    expect(defaultHub).toBe('http://127.0.0.1:6000');
    expect(hubs.map((h) => h.hubUrl).sort()).toEqual(['http://127.0.0.1:6000', 'https://hub.example.org']);
  });
});
