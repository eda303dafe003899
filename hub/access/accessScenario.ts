import { createHash } from 'node:crypto';
import { Wallet } from 'ethers';
import type { CanonicalShape } from '../../core/sync/canonicalLabels';
import type { HubConfig } from '../config';
import type { RunningHub } from '../startHub';
import { box, call, signedBatch, signIn, TEST_SCHEMA } from '../testKit';

/**
 * Test support for the access table and the attack catalogue: one hub with
 * every kind of caller the rules tell apart, and items in every state.
 *
 * Task T (requester Q, redundancy 3, 3 items with uploaded media) is taken by
 * annotators A, B and L (L also holds the granted reviewer role): one item
 * they disagree on (disputed), one they agree on (accepted), one nobody
 * submitted (open). Task T2 (requester Q2) has one item nobody was assigned.
 * Task T3 (Q) is level 1, above a newcomer's tier. R is a reviewer who never
 * labeled anything, U a signed-in account never assigned anything, O the operator.
 */
export const CALLERS = ['signedOut', 'assigned', 'unassigned', 'otherAnnotator', 'requester', 'otherRequester', 'reviewer', 'reviewerWhoLabeled', 'operator'] as const;
export type Caller = (typeof CALLERS)[number];

export interface AccessScenario {
  hub: RunningHub;
  wallets: Record<Exclude<Caller, 'signedOut'>, Wallet>;
  /** Bearer token per caller; undefined for signedOut. */
  token: Record<Caller, string | undefined>;
  taskId: string;
  otherTaskId: string;
  levelTaskId: string;
  items: { disputed: string; accepted: string; open: string; otherTask: string };
  media: { disputed: string; accepted: string; open: string; otherTask: string };
  /** What each annotator of T drew on the disputed item (to search answers for). */
  disputedShapes: { assigned: CanonicalShape[]; otherAnnotator: CanonicalShape[]; reviewerWhoLabeled: CanonicalShape[] };
}

const mediaBytes = (label: string) => Buffer.from(`groundwork access scenario ${label} ${Math.random()}`);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function ok<T>(what: string, reply: Promise<{ status: number; body: T }>, status = 200): Promise<T> {
  const r = await reply;
  if (r.status !== status) throw new Error(`${what}: expected ${status}, got ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Uploads fresh media for each item and creates the task; returns its id and the media hashes in item order. */
async function taskWithMedia(hub: RunningHub, token: string, title: string, count: number, redundancy: number, level = 0) {
  const shas: string[] = [];
  for (let i = 0; i < count; i++) {
    const bytes = mediaBytes(`${title} ${i}`);
    const sha = sha256(bytes);
    await ok('media upload', call(hub, 'PUT', `/media/${sha}`, { token, body: bytes }), 201);
    shas.push(sha);
  }
  const items = shas.map((sha, i) => ({ sha256: sha, fileName: `${title}-${i}.png`, width: 640, height: 480 }));
  const task = await ok<{ taskId: string }>('task', call(hub, 'POST', '/tasks', { token, json: { title, labelSchema: TEST_SCHEMA, redundancy, rewardPerItem: '1000', level, items } }), 201);
  return { taskId: task.taskId, shas };
}

export async function buildAccessScenario(start: (config: Partial<HubConfig> & { requesters: string[]; operators: string[] }) => Promise<RunningHub>): Promise<AccessScenario> {
  const w = () => Wallet.createRandom() as unknown as Wallet;
  const wallets = { assigned: w(), unassigned: w(), otherAnnotator: w(), requester: w(), otherRequester: w(), reviewer: w(), reviewerWhoLabeled: w(), operator: w() };
  const hub = await start({ requesters: [wallets.requester.address, wallets.otherRequester.address], operators: [wallets.operator.address] });
  const token = { signedOut: undefined } as Record<Caller, string | undefined>;
  for (const [who, wallet] of Object.entries(wallets)) token[who as Caller] = await signIn(hub, wallet);
  for (const who of [wallets.reviewer, wallets.reviewerWhoLabeled]) {
    await ok('grant reviewer', call(hub, 'POST', `/accounts/${who.address}/roles`, { token: token.operator, json: { role: 'reviewer' } }));
  }

  const t = await taskWithMedia(hub, token.requester!, 'T', 3, 3);
  const t2 = await taskWithMedia(hub, token.otherRequester!, 'T2', 1, 1);
  const t3 = await taskWithMedia(hub, token.requester!, 'T3', 1, 1, 1);

  // Which items each annotator gets is the assigner's business: read the ids from the answers.
  const labelers = ['assigned', 'otherAnnotator', 'reviewerWhoLabeled'] as const;
  const got: Record<string, { itemId: string; sha256: string }[]> = {};
  for (const who of labelers) {
    got[who] = (await ok<{ items: { itemId: string; sha256: string }[] }>('assignment', call(hub, 'POST', `/tasks/${t.taskId}/assignments`, { token: token[who], json: { count: 3 } }))).items;
  }
  const ids = got.assigned!.map((i) => i.itemId);
  for (const who of labelers) {
    if (got[who]!.map((i) => i.itemId).sort().join() !== [...ids].sort().join()) throw new Error(`redundancy 3 with 3 annotators: ${who} should hold every item of T`);
  }
  const [disputed, accepted, open] = ids as [string, string, string];
  const shaOf = (id: string) => got.assigned!.find((i) => i.itemId === id)!.sha256;

  const disputedShapes = {
    assigned: [box('car', 10, 10)],
    otherAnnotator: [box('person', 300, 300)],
    reviewerWhoLabeled: [box('car', 500, 200)],
  };
  for (const who of labelers) {
    const signed = await signedBatch(hub, wallets[who], t.taskId, [
      { itemId: disputed, shapes: disputedShapes[who] },
      { itemId: accepted, shapes: [box('car', 40, 40)] },
    ]);
    await ok('batch', call(hub, 'POST', '/batches', { token: token[who], json: signed }));
  }
  await hub.context.consensusIdle();
  const [otherItem] = await hub.context.db.query<{ id: string }>('SELECT id FROM items WHERE task_id = $1', [t2.taskId]);
  return {
    hub,
    wallets,
    token,
    taskId: t.taskId,
    otherTaskId: t2.taskId,
    levelTaskId: t3.taskId,
    items: { disputed, accepted, open, otherTask: otherItem!.id },
    media: { disputed: shaOf(disputed), accepted: shaOf(accepted), open: shaOf(open), otherTask: t2.shas[0]! },
    disputedShapes,
  };
}
