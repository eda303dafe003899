import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryTransport } from '../common/contract/memoryTransport';
import { RemoteError } from '../common/contract/errors';
import { createServices, type Services } from './createServices';
import { contractClients } from './testSupport/contractClients';
import { exerciseContract } from './testSupport/exerciseContract';
import { tempDir } from './testSupport/fixtureImages';

let services: Services | undefined;
afterEach(() => services?.dispose());

async function setup() {
  const dataDir = await tempDir('contract-data');
  services = await createServices({ dataDir, host: { kind: 'browser', version: '1.2.3', electronVersion: null } });
  const transport = createMemoryTransport(services.dispatcher);
  return { dataDir, transport, clients: contractClients(transport) };
}

describe('contract over the in-memory transport, against the real services', () => {
  it('serves every method of every service', async () => {
    const { dataDir, clients } = await setup();
    await exerciseContract(clients, { dataDir, mediaDir: await tempDir('contract-media'), hostKind: 'browser' });
  });

  it('rejects unknown services and methods by name', async () => {
    const { transport } = await setup();
    await expect(transport.call('media', 'deleteEverything', {})).rejects.toThrow('unknown method "deleteEverything" of service "media"');
    await expect(transport.call('media', 'constructor', {})).rejects.toThrow('unknown method "constructor"');
    await expect(transport.call('vault', 'sign', {})).rejects.toThrow('unknown service "vault"');
    // The wallet signs only what the user confirmed: it has no general-purpose sign method.
    await expect(transport.call('wallet', 'sign', {})).rejects.toThrow('unknown method "sign" of service "wallet"');
  });

  it('carries the error name and details to the client', async () => {
    const { clients } = await setup();
    const error = await clients.media.readImage({ rootId: 'r', relPath: '../x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect((error as RemoteError).remoteName).toBe('InvalidArgumentsError');
    expect((error as RemoteError).details).toEqual({ issues: [{ path: ['relPath'], message: 'path must be relative to the media root and may not contain ".."' }] });
  });

  it('writes nothing when an export has a bad file path', async () => {
    const { dataDir, clients } = await setup();
    await expect(clients.media.writeExport({ name: 'bad', files: [{ path: 'ok.json', content: '{}' }, { path: '../escape.json', content: '{}' }] })).rejects.toThrow(
      /files\.1\.path: path must be relative/,
    );
    // A conflict only discovered while writing (a file where a folder must go) also leaves nothing behind.
    await expect(clients.media.writeExport({ name: 'bad', files: [{ path: 'a', content: '1' }, { path: 'a/b.txt', content: '2' }] })).rejects.toThrow(/nothing was saved/);
    await expect(clients.media.writeExport({ name: 'bad', files: [{ path: 'x.txt', content: '1' }, { path: './x.txt', content: '2' }] })).rejects.toThrow(/appears twice/);
    expect(await readdir(path.join(dataDir, 'exports'))).toEqual([]);
    expect(await readdir(dataDir)).not.toContain('escape.json');
  });
});
