import { Wallet } from 'ethers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db, Queryable } from '../db/adapter';
import { openPostgresDb } from '../db/postgresDb';
import { describeOnPostgres } from '../db/testPostgres';
import { HubError } from '../http/hubError';
import type { RunningHub } from '../startHub';
import { box, call, createTestTask, signedBatch, signIn, startTestHub, type AnyWallet } from '../testKit';
import { storeBatch } from './storeBatch';

/**
 * Attack: a signer posts a batch naming items it has no business with (another
 * task's, items never assigned to it, an item another annotator completed that
 * waits to be decided, its own already submitted item). The batch is refused,
 * but while its transaction was open every row it locked stalled whoever else
 * needed the row (an assignment, a decision, another batch). The lock taken
 * before recording (recordSubmissions.ts) must cover only the items the signer
 * holds unsubmitted in the batch's task.
 *
 * The batch goes through the real path (verifier, storeBatch) on the hub's own
 * database, whose transaction is watched: after each of its statements a second
 * pool tries `FOR UPDATE NOWAIT` on every item the body names, while the
 * refused transaction is still open.
 */
describeOnPostgres('a refused batch locks no item it names but does not hold', (url) => {
  let hub: RunningHub;
  // The probing connection: another pool, so its NOWAIT sees the batch transaction's row locks.
  let other: Db;
  const requester = Wallet.createRandom();
  const signer = Wallet.createRandom();
  const rival = Wallet.createRandom();
  let reqToken: string;
  let signerToken: string;
  let rivalToken: string;

  beforeAll(async () => {
    // No job runs (work: false): nothing in the background (a decision, scoring) locks an item while the test probes.
    hub = await startTestHub({ requesters: [requester.address], operators: [], databaseUrl: url() }, { work: false });
    other = await openPostgresDb(url(), 2);
    reqToken = await signIn(hub, requester);
    signerToken = await signIn(hub, signer);
    rivalToken = await signIn(hub, rival);
  }, 180_000);
  afterAll(async () => {
    await other?.close();
    await hub?.close();
  }, 180_000);

  const labels = (ids: string[]) => ids.map((itemId) => ({ itemId, shapes: [box('car', 10, 20)] }));
  const assign = async (token: string, taskId: string, count: number) => {
    const res = await call<{ items: { itemId: string }[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token, json: { count } });
    expect(res.status).toBe(200);
    return res.body.items.map((i) => i.itemId);
  };
  const upload = async (wallet: AnyWallet, token: string, taskId: string, ids: string[]) => {
    const res = await call(hub, 'POST', '/batches', { token, json: await signedBatch(hub, wallet, taskId, labels(ids)) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };

  /** The items of `ids` another connection cannot lock at once (55P03 lock_not_available). */
  async function lockedElsewhere(ids: string[]): Promise<string[]> {
    const locked: string[] = [];
    for (const id of ids) {
      try {
        await other.query('SELECT id FROM items WHERE id = $1 FOR UPDATE NOWAIT', [id]);
      } catch (e) {
        if ((e as { code?: string }).code !== '55P03') throw e;
        locked.push(id);
      }
    }
    return locked;
  }

  it("holds only the signer's unsubmitted items of the batch's task while it is refused (403 item_not_assigned)", async () => {
    // Task A, k = 1: the signer takes two items and submits one; the rival takes the other two and submits one, which
    // is then complete and waits for its decision. Task B: the signer holds one of its two items.
    const { taskId: taskA } = await createTestTask(hub, reqToken, 4, 1);
    const { taskId: taskB } = await createTestTask(hub, reqToken, 2, 1);
    const [submitted, held] = await assign(signerToken, taskA, 2);
    const [rivals, waiting] = await assign(rivalToken, taskA, 2);
    const [heldInB] = await assign(signerToken, taskB, 1);
    const [otherInB] = (await hub.context.db.query<{ id: string }>('SELECT id FROM items WHERE task_id = $1 AND id <> $2', [taskB, heldInB])).map((r) => r.id);
    for (const id of [submitted, held, rivals, waiting, heldInB, otherInB]) expect(id).toBeTypeOf('string');
    await upload(signer, signerToken, taskA, [submitted!]);
    await upload(rival, rivalToken, taskA, [waiting!]);
    const [ready] = await hub.context.db.query<{ status: string; ready: boolean }>('SELECT status, ready_at IS NOT NULL AS ready FROM items WHERE id = $1', [waiting]);
    expect(ready).toEqual({ status: 'open', ready: true });

    const named = [held!, submitted!, rivals!, waiting!, heldInB!, otherInB!];
    const notHeld = named.filter((id) => id !== held);
    const verified = await hub.context.verifier.verify(JSON.stringify(await signedBatch(hub, signer, taskA, labels(named))));
    if (!verified.ok) throw new Error(`the attack batch should verify: ${verified.code} ${verified.message}`);

    // The hub's database, its batch transaction watched: after every statement, what another connection cannot lock.
    const probes: { sql: string; locked: string[] }[] = [];
    const real = hub.context.db;
    const watched: Db = {
      kind: real.kind,
      query: (sql, params) => real.query(sql, params),
      exec: (sql) => real.exec(sql),
      withSessionLock: (key, options, fn) => real.withSessionLock(key, options, fn),
      close: () => real.close(),
      transaction: (fn) =>
        real.transaction((tx) => {
          const probing: Queryable = {
            async query<T>(sql: string, params?: unknown[]) {
              const rows = await tx.query<T>(sql, params);
              probes.push({ sql: sql.trim().slice(0, 60), locked: await lockedElsewhere(named) });
              return rows;
            },
          };
          return fn(probing);
        }),
    };
    const refused = await storeBatch({ ...hub.context, db: watched }, verified).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(HubError);
    expect((refused as HubError).code).toBe('item_not_assigned');

    // Control: the item the signer legitimately holds is locked until the refused transaction ends (so the probe does
    // see this transaction's row locks: a lock over every named item fails below, tried by hand)...
    expect(probes.length).toBeGreaterThanOrEqual(2);
    expect(probes.at(-1)!.locked, JSON.stringify(probes)).toEqual([held]);
    // ...and at no point was any other named item locked: not another task's (held or not), not the rival's, not the
    // one waiting to be decided, not the signer's own submitted item.
    for (const p of probes) expect(p.locked.filter((id) => notHeld.includes(id)), `after "${p.sql}"`).toEqual([]);
    // Rolled back: every item is free again, and nothing of the batch was stored.
    expect(await lockedElsewhere(named)).toEqual([]);
    const [stored] = await real.query<{ n: number }>('SELECT count(*)::int AS n FROM batches WHERE digest = $1', [verified.digest]);
    expect(stored!.n).toBe(0);
  }, 180_000);
});
