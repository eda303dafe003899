import { Wallet, type HDNodeWallet } from 'ethers';
import { SiweMessage } from 'siwe';
import { groundworkDomain } from '../core/sync/eip712';
import { buildLabelBatch, LABEL_BATCH_TYPES, type BatchItem } from '../core/sync/labelBatch';
import type { HubConfig } from './config';
import { startHub, type RunningHub } from './startHub';
import type { JobSettings } from './jobs/jobSettings';

/** Test helpers that drive a real hub over HTTP with real signatures. */

export type AnyWallet = Wallet | HDNodeWallet;

export interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T;
}

/** Limits no ordinary test reaches. */
export const GENEROUS_RATE_LIMITS = { perIp: 1_000_000, signInPerIp: 1_000_000, perAccount: 1_000_000 };

/** `jobs` tunes this hub's job queue (e.g. `{ work: false }`: a process that enqueues and serves but runs no job). */
export async function startTestHub(overrides: Partial<HubConfig> & { requesters: string[]; operators: string[] }, jobs?: Partial<JobSettings>): Promise<RunningHub> {
  return startHub({
    chainId: 31337,
    rewardsContract: Wallet.createRandom().address,
    token: Wallet.createRandom().address,
    verifyWorkers: 0,
    // Tests share one IP (loopback) and sign in many accounts: generous limits unless a test sets real ones (hub/attacks/).
    rateLimit: GENEROUS_RATE_LIMITS,
    ...overrides,
  }, { jobs });
}

export async function call<T = Record<string, unknown>>(hub: { url: string }, method: string, path: string, opts: { token?: string; json?: unknown; body?: Buffer | string; headers?: Record<string, string> } = {}): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | Uint8Array | undefined;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.body !== undefined) {
    headers['content-type'] ??= 'application/octet-stream';
    body = opts.body;
  }
  const res = await fetch(hub.url + path, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON (media) */
  }
  return { status: res.status, body: parsed as T };
}

export function siweMessage(hub: RunningHub, wallet: AnyWallet, nonce: string, patch: Partial<{ domain: string; uri: string; chainId: number; expirationTime: string }> = {}): string {
  return new SiweMessage({
    domain: patch.domain ?? hub.context.config.siweDomain,
    address: wallet.address,
    statement: 'Sign in to the Groundwork hub',
    uri: patch.uri ?? hub.url,
    version: '1',
    chainId: patch.chainId ?? hub.context.config.chainId,
    nonce,
    issuedAt: new Date().toISOString(),
    expirationTime: patch.expirationTime ?? new Date(Date.now() + 600_000).toISOString(),
  }).prepareMessage();
}

export async function signIn(hub: RunningHub, wallet: AnyWallet): Promise<string> {
  const { body } = await call<{ nonce: string }>(hub, 'POST', '/auth/nonce');
  const message = siweMessage(hub, wallet, body.nonce);
  const res = await call<{ token: string }>(hub, 'POST', '/auth/verify', { json: { message, signature: await wallet.signMessage(message) } });
  if (res.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(res.body)}`);
  return res.body.token;
}

export const TEST_SCHEMA = {
  classes: [
    { id: 'c1', name: 'car', color: '#ff0000', attributes: [] },
    { id: 'c2', name: 'person', color: '#00ff00', attributes: [] },
  ],
};

export function sha(i: number): string {
  return i.toString(16).padStart(64, '0');
}

export async function createTestTask(hub: RunningHub, requesterToken: string, itemCount: number, redundancy: number, rewardPerItem = '1000'): Promise<{ taskId: string; task: string }> {
  const res = await call<{ taskId: string; task: string }>(hub, 'POST', '/tasks', {
    token: requesterToken,
    json: {
      title: 'test task',
      labelSchema: TEST_SCHEMA,
      redundancy,
      rewardPerItem,
      items: Array.from({ length: itemCount }, (_, i) => ({ sha256: sha(i + 1 + Math.floor(Math.random() * 1e9) * 1000), fileName: `img${i}.jpg`, width: 640, height: 480 })),
    },
  });
  if (res.status !== 201) throw new Error(`task creation failed: ${JSON.stringify(res.body)}`);
  return res.body;
}

export interface SignOptions {
  nonce?: bigint | number;
  deadline?: number;
  chainId?: number;
  verifyingContract?: string;
}

/** A LabelBatch built by core and signed by `wallet` with ethers (EIP-712), as the workstation does. */
export async function signedBatch(hub: RunningHub, wallet: AnyWallet, taskId: string, items: BatchItem[], opts: SignOptions = {}) {
  const { batch, items: canonical } = buildLabelBatch({
    annotator: wallet.address,
    taskId,
    items,
    nonce: opts.nonce ?? BigInt(Date.now()) * 1000n + BigInt(Math.floor(Math.random() * 1000)),
    deadline: opts.deadline ?? Math.floor(Date.now() / 1000) + 3600,
  });
  const domain = groundworkDomain({
    chainId: opts.chainId ?? hub.context.config.chainId,
    verifyingContract: opts.verifyingContract ?? hub.context.config.rewardsContract,
  });
  const signature = await wallet.signTypedData(domain, LABEL_BATCH_TYPES, batch);
  return { batch, signature, items: canonical };
}

export const box = (className: string, x: number, y: number, w = 50, h = 40) => ({ className, box: { x, y, w, h } });

/** A hub on a local chain deployed by native/chain's deployLocalNetwork (passed in: the hub itself never imports native/). */
export async function startChainTestHub(
  chain: { rpcUrl: string; chainId: number },
  network: { rewards: string; stakeRegistry: string; token: string },
  overrides: Partial<HubConfig> & { requesters: string[]; operators: string[] },
  jobs?: Partial<JobSettings>,
): Promise<RunningHub> {
  return startTestHub({ chainId: chain.chainId, rewardsContract: network.rewards, token: network.token, rpcUrl: chain.rpcUrl, stakeRegistry: network.stakeRegistry, ...overrides }, jobs);
}
