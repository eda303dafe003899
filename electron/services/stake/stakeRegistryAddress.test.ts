import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubConfig } from '../../common/services/hubService';
import { createStakeRegistryAddresses } from './stakeRegistryAddress';

// Which registry a hub uses, with the hub's /config served over real HTTP: the
// body each test wants, and a count of how often it was asked.
const REGISTRY = '0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9';
const OTHER = '0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0';
const config: HubConfig = { chainId: 31337, rewardsContract: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512', token: null };

let server: Server;
let hubUrl: string;
let body: unknown = {};
let requests = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests += 1;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(req.url === '/config' ? body : { error: 'not_found' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hubUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('stake registry address of a hub', () => {
  it('reads /config stakeRegistry once per session, checksummed', async () => {
    body = { ...config, stakeRegistry: REGISTRY.toLowerCase() };
    requests = 0;
    const registryOf = createStakeRegistryAddresses();
    expect(await registryOf(hubUrl, config)).toBe(REGISTRY);
    body = { ...config, stakeRegistry: OTHER };
    expect(await registryOf(hubUrl, config)).toBe(REGISTRY);
    expect(requests).toBe(1);
  });

  it('prefers the caller\'s registry, then the remembered config, without asking the hub', async () => {
    requests = 0;
    const registryOf = createStakeRegistryAddresses();
    expect(await registryOf(hubUrl, config, OTHER.toLowerCase())).toBe(OTHER);
    expect(await registryOf(hubUrl, { ...config, stakeRegistry: REGISTRY } as HubConfig)).toBe(REGISTRY);
    expect(requests).toBe(0);
  });

  it('fails with no-registry when the hub announces none or something that is not an address', async () => {
    const registryOf = createStakeRegistryAddresses();
    body = config;
    await expect(registryOf(hubUrl, config)).rejects.toMatchObject({ details: { code: 'no-registry' }, message: expect.stringContaining('announces no stake registry') });
    body = { ...config, stakeRegistry: '0x1234' };
    await expect(registryOf(hubUrl, config)).rejects.toMatchObject({ details: { code: 'no-registry' }, message: expect.stringContaining('"0x1234"') });
    await expect(registryOf(hubUrl, config, 'nope')).rejects.toMatchObject({ details: { code: 'no-registry' } });
  });
});
