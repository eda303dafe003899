import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyTypedData, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemLabelHash } from '../../../core/sync/canonicalLabels';
import { groundworkDomain } from '../../../core/sync/eip712';
import { itemIdToBytes32, taskIdToBytes32 } from '../../../core/sync/labelBatch';
import { VERDICT_TYPES, verdictDigest } from '../../../core/sync/verdict';
import type { HubConfig } from '../../common/services/hubService';
import type { WalletKeys } from '../wallet/walletServiceImpl';
import type { HubClient } from './hubClient';
import { callPublic } from './hubHttp';
import { createVerdictSigning } from './verdictSigning';

const wallet = new Wallet('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');
const keys: WalletKeys = { address: async () => wallet.address, signer: () => wallet, onLock: () => undefined };
const config: HubConfig = { chainId: 31337, rewardsContract: '0x5FbDB2315678afecb367f032d93F642f64180aa3', token: null };

// A stand-in hub: answers POST /verdicts by status code chosen per test, and records bodies.
let server: Server;
let hubUrl: string;
let answer: { status: number; body: unknown } = { status: 200, body: { duplicate: false } };
const received: unknown[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      received.push(JSON.parse(text));
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hubUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function client(): HubClient {
  return {
    configOf: async () => config,
    call: callPublic,
  } as unknown as HubClient;
}

const shapes = [
  { className: 'dog', box: { x: 10.004, y: 20, w: 30, h: 40 } },
  { className: 'cat', box: { x: 1, y: 2, w: 3, h: 4 }, attributes: { occluded: true } },
];

describe('verdict signing', () => {
  it('signs exactly the summary the reviewer confirmed, over the canonical final labels', async () => {
    const signing = createVerdictSigning(client(), keys);
    const { requestId, summary } = await signing.prepare({ hubUrl, taskId: 't1', itemId: 'i7', shapes, reasons: [{ index: 1, reason: 'loose_box' }, { index: 0, reason: 'ok' }] });
    expect(summary.labelsHash).toBe(itemLabelHash('i7', shapes));
    expect(summary.task).toBe(taskIdToBytes32('t1'));
    expect(summary.item).toBe(itemIdToBytes32('i7'));
    expect(summary.shapeCount).toBe(2);
    expect(summary.reviewer).toBe(wallet.address);

    const signed = await signing.sign(requestId);
    const domain = groundworkDomain({ chainId: config.chainId, verifyingContract: config.rewardsContract });
    expect(verifyTypedData(domain, VERDICT_TYPES, signed.verdict, signed.signature)).toBe(wallet.address);
    expect(verdictDigest(domain, signed.verdict)).toMatch(/^0x[0-9a-f]{64}$/);
    expect(signed.shapes.map((s) => s.className)).toEqual(['cat', 'dog']);
    expect(signed.shapes[1]!.box.x).toBe(10);
    expect(signed.reasons.map((r) => r.index)).toEqual([0, 1]);
    await expect(signing.sign(requestId)).rejects.toThrow(/unknown or expired/);
  });

  it('refuses two reasons for one object and labels that cannot be hashed', async () => {
    const signing = createVerdictSigning(client(), keys);
    await expect(signing.prepare({ hubUrl, taskId: 't', itemId: 'i', shapes, reasons: [{ index: 0, reason: 'ok' }, { index: 0, reason: 'wrong_class' }] })).rejects.toThrow(/object 0 has two reasons/);
    await expect(signing.prepare({ hubUrl, taskId: 't', itemId: 'i', shapes: [{ className: '', box: { x: 0, y: 0, w: 1, h: 1 } }], reasons: [] })).rejects.toThrow(/className/);
  });

  it('expires a prepared verdict the reviewer never confirmed', async () => {
    let clock = 1_000_000;
    const signing = createVerdictSigning(client(), keys, () => clock);
    const { requestId } = await signing.prepare({ hubUrl, taskId: 't', itemId: 'i', shapes: [], reasons: [] });
    clock += 11 * 60_000;
    await expect(signing.sign(requestId)).rejects.toThrow(/unknown or expired/);
  });

  it('uploads the signed verdict unchanged and classifies the hub answer', async () => {
    const signing = createVerdictSigning(client(), keys);
    const signed = await signing.sign((await signing.prepare({ hubUrl, taskId: 't', itemId: 'i', shapes, reasons: [{ index: 0, reason: 'ok' }] })).requestId);
    const receipt = { verdictId: `0x${'ab'.repeat(32)}`, itemId: 'i', status: 'resolved', duplicate: false, acceptedAt: '2026-01-01T00:00:00.000Z', agreeingAnnotators: [] };
    answer = { status: 200, body: receipt };
    expect(await signing.upload(signed)).toEqual({ status: 'accepted', receipt });
    expect(received.at(-1)).toEqual({ verdict: signed.verdict, signature: signed.signature, itemId: 'i', shapes: signed.shapes, reasons: signed.reasons });
    answer = { status: 409, body: { error: 'verdict_replayed', message: 'this verdict was already used' } };
    expect(await signing.upload(signed)).toMatchObject({ status: 'rejected', failure: { code: 'verdict_replayed', reason: 'this verdict was already used' } });
    answer = { status: 503, body: { error: 'internal', message: 'busy' } };
    expect(await signing.upload(signed)).toMatchObject({ status: 'network' });
    // An answer of another shape is the hub's fault, not the verdict's: kept and retried, naming the route and the field.
    answer = { status: 200, body: { ...receipt, status: 'accepted' } };
    expect(await signing.upload(signed)).toMatchObject({ status: 'network', failure: { code: 'bad_response', reason: expect.stringMatching(/POST \/verdicts .*status/) } });
  });

  it('signs a video verdict over the version-2 hash, shows its counts, and uploads its video labels', async () => {
    const video = {
      frameCount: 60,
      tracks: [{ className: 'car', keyframes: [{ frame: 30, box: { x: 5, y: 5, w: 9, h: 9 } }, { frame: 0, box: { x: 1.004, y: 1, w: 9, h: 9 } }] }],
      frameTags: [
        { className: 'night', startFrame: 0, endFrame: 10 },
        { className: 'night', startFrame: 11, endFrame: 20 },
      ],
      segments: [
        { startFrame: 0, endFrame: 29, tags: ['street'] },
        { startFrame: 30, endFrame: 59 },
      ],
    };
    const frameBox = [{ className: 'dog', box: { x: 1, y: 1, w: 2, h: 2 }, frame: 3 }];
    const signing = createVerdictSigning(client(), keys);
    const { requestId, summary } = await signing.prepare({ hubUrl, taskId: 't', itemId: 'clip', shapes: frameBox, video, reasons: [{ index: 0, reason: 'ok' }] });
    expect(summary.labelsHash).toBe(itemLabelHash('clip', frameBox, video));
    expect(summary.labelsHash).not.toBe(itemLabelHash('clip', frameBox.map(({ frame: _f, ...s }) => s)));
    expect(summary.video).toEqual({ frameCount: 60, tracks: 1, keyframes: 2, frameTags: 1, segments: 2 });
    const signed = await signing.sign(requestId);
    expect(signed.video!.tracks[0]!.keyframes.map((k) => k.frame)).toEqual([0, 30]);
    expect(signed.video!.tracks[0]!.keyframes[0]!.box.x).toBe(1);
    expect(signed.video!.frameTags).toEqual([{ className: 'night', startFrame: 0, endFrame: 20 }]);
    answer = { status: 200, body: { verdictId: `0x${'cd'.repeat(32)}`, itemId: 'clip', status: 'resolved', duplicate: false, acceptedAt: '2026-01-01T00:00:00.000Z', agreeingAnnotators: [] } };
    expect(await signing.upload(signed)).toMatchObject({ status: 'accepted' });
    expect(received.at(-1)).toMatchObject({ itemId: 'clip', video: signed.video, verdict: { labelsHash: summary.labelsHash } });
  });

  it('refuses video labels that are not a canonical form, and a frame box without video labels, before showing anything', async () => {
    const signing = createVerdictSigning(client(), keys);
    const gap = { frameCount: 60, tracks: [], frameTags: [], segments: [{ startFrame: 0, endFrame: 20 }, { startFrame: 30, endFrame: 59 }] };
    await expect(signing.prepare({ hubUrl, taskId: 't', itemId: 'clip', shapes: [], video: gap, reasons: [] })).rejects.toThrow(/cannot sign these final labels: segments must tile the video/);
    const late = { frameCount: 10, tracks: [{ className: 'car', keyframes: [{ frame: 10, box: { x: 0, y: 0, w: 1, h: 1 } }] }], frameTags: [], segments: [] };
    await expect(signing.prepare({ hubUrl, taskId: 't', itemId: 'clip', shapes: [], video: late, reasons: [] })).rejects.toThrow(/the video has 10 frames/);
    await expect(signing.prepare({ hubUrl, taskId: 't', itemId: 'clip', shapes: [{ className: 'dog', box: { x: 0, y: 0, w: 1, h: 1 }, frame: 2 }], reasons: [] })).rejects.toThrow(/has a frame, but the item carries no video labels/);
  });
});
