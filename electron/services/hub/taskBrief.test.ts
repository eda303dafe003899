import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTaskRoute } from '../../../core/hubApi/tasks';
import { localOperator, localRequester } from '../localNetwork/localHubAccounts';
import { startLocalNetwork, type LocalNetwork } from '../localNetwork/startLocalNetwork';
import type { HubClient } from './hubClient';
import { fetchTaskBrief } from './taskBrief';

/**
 * A task brief fetched from a real hub (the local network: anvil + hub on
 * PGlite in a child process): the requester publishes a task with
 * instructions and example images, another signed-in account reads it.
 */
describe('task brief', () => {
  let dataDir: string;
  let network: LocalNetwork;
  const requester = localRequester();
  /** Any signed-in account may read a task's brief; the operator's is one the local network has. */
  const reader = localOperator();

  /** The reader's client, with the example bytes passed through `swapBody` (a hub that lies about them). */
  const lying = (swapBody: (bytes: Uint8Array) => Uint8Array): Pick<HubClient, 'call' | 'authedFetch'> => ({
    call: reader.call,
    authedFetch: async (...args) => {
      const response = await reader.authedFetch(...args);
      return new Response(swapBody(new Uint8Array(await response.arrayBuffer())) as Uint8Array<ArrayBuffer>, { status: response.status });
    },
  });

  async function upload(bytes: Buffer): Promise<string> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const put = await requester.authedFetch(network.hubUrl, `/media/${sha256}`, { method: 'PUT', bytes });
    expect(put.ok).toBe(true);
    return sha256;
  }
  const png = (r: number) => sharp({ create: { width: 8, height: 6, channels: 3, background: { r, g: 10, b: 10 } } }).png().toBuffer();
  async function publish(instructions: string, examples: string[]): Promise<string> {
    const item = { sha256: await upload(await png(Math.floor(Math.random() * 256))), fileName: 'a.png', width: 8, height: 6 };
    const labelSchema = { classes: [{ id: 'c1', name: 'car', color: '#ff0000', attributes: [] }] };
    const created = await requester.call(network.hubUrl, createTaskRoute, { body: { title: 'Cars', labelSchema, redundancy: 1, rewardPerItem: '1000', items: [item], instructions, examples } });
    return created.taskId;
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'gw-brief-'));
    network = await startLocalNetwork({ dataDir });
  }, 180_000);
  afterAll(async () => {
    await network?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('returns the instructions and every example as bytes that hash to the listed sha256', async () => {
    const image = await png(200);
    const example = await upload(image);
    const taskId = await publish('Draw a **tight** box around every car.', [example]);
    const brief = await fetchTaskBrief(reader, network.hubUrl, taskId);
    expect(brief).toMatchObject({ taskId, title: 'Cars', instructions: 'Draw a **tight** box around every car.' });
    expect(brief.examples.map((e) => [e.sha256, e.mime])).toEqual([[example, 'image/png']]);
    expect(Buffer.from(brief.examples[0]!.bytes).equals(image)).toBe(true);
  });

  it('refuses an example whose bytes do not hash to the listed sha256 (a hub is never trusted)', async () => {
    const taskId = await publish('', [await upload(await png(100))]);
    const tampered = lying((bytes) => {
      const copy = bytes.slice();
      copy[copy.length - 1] = copy[copy.length - 1]! ^ 0xff;
      return copy;
    });
    await expect(fetchTaskBrief(tampered, network.hubUrl, taskId)).rejects.toThrow(/sha256 is [0-9a-f]{64}; refused/);
  });

  it('refuses an example that hashes right but is not an image', async () => {
    const taskId = await publish('text', [await upload(Buffer.from(`<script>alert(1)</script> ${Math.random()}`))]);
    await expect(fetchTaskBrief(reader, network.hubUrl, taskId)).rejects.toThrow(/not a PNG, JPEG, GIF or WebP/);
  });

  it('a task without instructions or examples has an empty brief', async () => {
    const taskId = await publish('', []);
    expect(await fetchTaskBrief(reader, network.hubUrl, taskId)).toMatchObject({ instructions: '', examples: [] });
  });
});
