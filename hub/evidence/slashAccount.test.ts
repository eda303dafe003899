import { Wallet } from 'ethers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningHub } from '../startHub';
import { createTestTask, signIn, startTestHub } from '../testKit';
import { evidenceDocument, evidenceHash } from './evidenceHash';
import { listEvidence } from './listEvidence';
import { recordEvidence } from './recordEvidence';
import { slashAccount, SlashRefused, type SlashOrder } from './slashAccount';
import { slashingDocument } from './slashingDocument';
import { SlashNotApplied, type SlashedEvent, type StakeRegistryClient } from './stakeRegistryClient';

const requester = Wallet.createRandom();

/** A registry in memory: what it was asked, and what the hub had stored at the moment it was asked. */
function fakeRegistry(hub: RunningHub, stake: { active: bigint; unbonding: bigint }) {
  const sent: { account: string; amount: bigint; hash: string; rowAtSend: unknown }[] = [];
  let next: 'mined' | 'revert' | 'rpc_down' = 'mined';
  const client: StakeRegistryClient = {
    registry: '0x0000000000000000000000000000000000005555',
    slasher: '0x0000000000000000000000000000000000006666',
    stakeOf: async () => stake,
    async sendSlash(account, amount, hash) {
      const [rowAtSend] = await hub.context.db.query('SELECT status, evidence_hash, evidence_ids::text[] AS evidence_ids, tx_hash FROM slashings ORDER BY id DESC LIMIT 1');
      sent.push({ account, amount, hash, rowAtSend });
      if (next === 'revert') throw new SlashNotApplied('AccessControlUnauthorizedAccount(0x…, 0x…)');
      const txHash = `0x${String(sent.length).padStart(64, '0')}`;
      return {
        txHash,
        confirmed: async (): Promise<SlashedEvent> => {
          if (next === 'rpc_down') throw new Error('connect ECONNREFUSED');
          return { txHash, blockNumber: 1, amount, evidenceHash: hash, fromActive: amount < stake.active ? amount : stake.active, fromUnbonding: amount < stake.active ? 0n : amount - stake.active };
        },
      };
    },
    close: () => {},
  };
  return { client, sent, failNext: (how: typeof next) => (next = how) };
}

describe('slashAccount (registry faked; the anvil journey is hub/attacks/cheaterKeepsStake.test.ts)', () => {
  let hub: RunningHub;
  let itemIds: string[];
  let taskId: string;
  let cheater: string;
  const slashings = async () => hub.context.db.query<{ status: string; tx_hash: string | null; error: string | null; evidence_ids: string[]; amount: string; reason: string }>(
    'SELECT status, tx_hash, error, evidence_ids::text[] AS evidence_ids, amount::text AS amount, reason FROM slashings WHERE account = $1 ORDER BY id',
    [cheater],
  );
  const fail = (n: number) => recordEvidence(hub.context.db, itemIds.slice(0, n).map((itemId) => ({ account: cheater, kind: 'honeypot_failed' as const, itemId, taskId, detail: { batchDigest: `0x${itemId}` } })));

  beforeAll(async () => {
    hub = await startTestHub({ requesters: [requester.address], operators: [], slashEvidenceThreshold: { honeypotFailures: 3, verdictsAgainst: 3 } });
    ({ taskId } = await createTestTask(hub, await signIn(hub, requester), 6, 1));
    itemIds = (await hub.context.db.query<{ id: string }>('SELECT id FROM items WHERE task_id = $1 ORDER BY idx', [taskId])).map((r) => r.id);
  }, 180_000);
  beforeEach(() => {
    cheater = Wallet.createRandom().address;
  });
  afterAll(async () => hub?.close());

  const order = (patch: Partial<SlashOrder> = {}): SlashOrder => ({ account: cheater, reason: 'failed honeypots', amount: 'all', ...patch });
  const refusal = async (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof SlashRefused ? e.code : e));

  it('refuses a slash without a reason, below the threshold, with nothing staked or more than staked — storing and sending nothing', async () => {
    const registry = fakeRegistry(hub, { active: 100n, unbonding: 0n });
    expect(await refusal(slashAccount(hub.context, registry.client, order()))).toBe('no_evidence');
    await fail(2);
    expect(await refusal(slashAccount(hub.context, registry.client, order({ reason: '  ' })))).toBe('reason_required');
    expect(await refusal(slashAccount(hub.context, registry.client, order()))).toBe('below_threshold');
    expect(await refusal(slashAccount(hub.context, fakeRegistry(hub, { active: 0n, unbonding: 0n }).client, order({ force: true })))).toBe('nothing_staked');
    expect(await refusal(slashAccount(hub.context, registry.client, order({ force: true, amount: 101n })))).toBe('amount_exceeds_stake');
    expect(registry.sent).toEqual([]);
    expect(await slashings()).toEqual([]);
  });

  it('stores the slashing as pending before sending, then slashed with its tx; its evidence is used up', async () => {
    await fail(3);
    const registry = fakeRegistry(hub, { active: 60n, unbonding: 40n });
    const evidence = (await hub.context.db.query<{ id: string; kind: string; item_id: string; task_id: string; detail: unknown }>('SELECT id::text AS id, kind, item_id, task_id, detail FROM evidence WHERE account = $1 ORDER BY id', [cheater])).map((r) => ({ id: r.id, kind: r.kind, itemId: r.item_id, taskId: r.task_id, detail: r.detail }));
    const outcome = await slashAccount(hub.context, registry.client, order({ reason: 'three failed honeypots' }));
    const hash = evidenceHash(cheater, evidence);
    expect(outcome).toMatchObject({ status: 'slashed', amount: 100n, evidenceHash: hash, evidenceIds: evidence.map((e) => e.id), fromActive: 60n, fromUnbonding: 40n });
    expect(registry.sent).toEqual([{ account: cheater, amount: 100n, hash, rowAtSend: { status: 'pending', evidence_hash: hash, evidence_ids: evidence.map((e) => e.id), tx_hash: null } }]);
    expect(await slashings()).toEqual([{ status: 'slashed', tx_hash: outcome.txHash, error: null, evidence_ids: evidence.map((e) => e.id), amount: '100', reason: 'three failed honeypots' }]);
    // What an auditor gets for the slashing: the exact document, and the hash recomputed beside the recorded one.
    expect(await slashingDocument(hub.context.db, outcome.slashingId)).toEqual({
      slashingId: outcome.slashingId,
      account: cheater,
      document: evidenceDocument(cheater, evidence),
      recordedHash: hash,
      recomputedHash: hash,
      txHash: outcome.txHash,
    });
    expect(await slashingDocument(hub.context.db, 'x; DROP')).toBeNull();

    const listed = (await listEvidence(hub.context, { all: true })).accounts.find((a) => a.account === cheater)!;
    expect(listed).toMatchObject({ honeypotFailures: 0, usedEvidence: 3, slashable: false, slashedAmount: 100n });
    expect(await refusal(slashAccount(hub.context, registry.client, order({ force: true })))).toBe('no_evidence');
  });

  it('marks a reverted slash failed with the reason and leaves its evidence unused', async () => {
    await fail(3);
    const registry = fakeRegistry(hub, { active: 100n, unbonding: 0n });
    registry.failNext('revert');
    const outcome = await slashAccount(hub.context, registry.client, order({ amount: 10n }));
    expect(outcome).toMatchObject({ status: 'failed', error: 'AccessControlUnauthorizedAccount(0x…, 0x…)', txHash: null });
    expect((await slashings()).map((s) => [s.status, s.error])).toEqual([['failed', 'AccessControlUnauthorizedAccount(0x…, 0x…)']]);
    expect((await listEvidence(hub.context)).accounts.find((a) => a.account === cheater)).toMatchObject({ honeypotFailures: 3, slashable: true });
  });

  it('keeps a slash whose outcome is unknown pending, and refuses another slash of the account until someone looks', async () => {
    await fail(3);
    const registry = fakeRegistry(hub, { active: 100n, unbonding: 0n });
    registry.failNext('rpc_down');
    const outcome = await slashAccount(hub.context, registry.client, order());
    expect(outcome).toMatchObject({ status: 'pending', error: 'connect ECONNREFUSED' });
    expect(outcome.txHash).toMatch(/^0x/);
    expect((await slashings()).map((s) => [s.status, s.tx_hash])).toEqual([['pending', outcome.txHash]]);
    registry.failNext('mined');
    expect(await refusal(slashAccount(hub.context, registry.client, order()))).toBe('slash_pending');
    expect(registry.sent).toHaveLength(1);
  });
});
