import { describe, expect, it } from 'vitest';
import { freshDbName } from '../store/testing/fixtures';
import { testStores } from '../store/testing/testStores';
import { Outbox, batchPayloadOf, isUnsigned, signedBatchOf } from './outbox';
import { refusalsOf } from './refusalHistory';
import { isResignable, refusalMeaning } from './refusals';
import { ResignError, describeRefusal } from './resign';
import { SyncEngine } from './syncEngine';
import { scriptedHub } from './testing/scriptedHub';
import { scriptedVerdictHub } from './testing/scriptedVerdictHub';
import { downloadedProject, labelDone } from './testing/syncFixture';
import { alwaysOnline } from './transport';
import { newVerdictRecord, signedVerdictOf, verdictPayloadOf } from './verdictRecords';
import { submitWorkUnit } from './workUnit';

const { openStore } = testStores();
const fastBackoff = { baseMs: 5, maxMs: 20 };

async function until(check: () => Promise<boolean>, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A project with two done items, submitted as one batch, and an engine over a scripted hub. */
async function submittedBatch() {
  const store = await openStore(freshDbName());
  const { project, items } = await downloadedProject(store, 2);
  for (const item of items) await labelDone(store, project.id, item.id);
  const outbox = new Outbox(store.db);
  const record = await submitWorkUnit(store, outbox, project.id);
  const verdicts = scriptedVerdictHub();
  const hub = scriptedHub();
  const engine = new SyncEngine({ outbox, transport: { ...hub.transport, ...verdicts.transport }, connectivity: alwaysOnline, backoff: fastBackoff, random: () => 1 });
  await engine.start();
  return { store, project, outbox, record, hub, verdicts, engine };
}

/** Signs (the user confirmed the summary) and waits until the hub's answer is recorded. */
async function signAndSettle(engine: SyncEngine, outbox: Outbox, id: string, kind: 'batch' | 'verdict' = 'batch') {
  if (kind === 'batch') await engine.confirmSigning(await engine.prepareSigning(id));
  else await engine.confirmVerdictSigning(await engine.prepareVerdictSigning(id));
  await until(async () => ['accepted', 'rejected'].includes((await outbox.get(id))!.state));
  return (await outbox.get(id))!;
}

describe('attack: a refusal that is not about the labels strands them', () => {
  it('a batch refused with deadline_passed is signed again with a fresh nonce and deadline, the same labels, and accepted', async () => {
    const { outbox, record, hub, engine } = await submittedBatch();
    hub.outcomes.push({ reject: 'deadline_passed' });
    const refused = await signAndSettle(engine, outbox, record.id);
    expect(refused.state).toBe('rejected');
    const first = refused.signed!;

    const reopened = await engine.reopenForSigning(record.id);
    expect(isUnsigned(reopened)).toBe(true);
    expect(reopened).toMatchObject({ state: 'pending', attempts: 0 });
    expect(reopened.lastError).toBeUndefined();
    expect(reopened.payload).toEqual(record.payload);

    hub.options.deadline = first.deadline + 30 * 24 * 3600;
    const request = await engine.prepareSigning(record.id);
    expect(request.summary.root).toBe(batchPayloadOf(record).root);
    const accepted = await signAndSettle(engine, outbox, record.id);
    await engine.stop();

    expect(accepted.state).toBe('accepted');
    expect(accepted.signed!.nonce).not.toBe(first.nonce);
    expect(accepted.signed!.deadline).toBe(first.deadline + 30 * 24 * 3600);
    expect(accepted.signed!.signature).not.toBe(first.signature);
    expect(accepted.payload).toEqual(record.payload);
    // The hub stored exactly what was refused, label for label, under the new signature.
    expect(hub.stored.size).toBe(1);
    expect([...hub.stored.values()][0]!.items).toEqual(batchPayloadOf(record).items);
    expect(hub.sent.at(-1)).toEqual(signedBatchOf(accepted));
  });

  it('keeps every refusal (signature, code, reason, when) after signing again', async () => {
    const { outbox, record, hub, engine } = await submittedBatch();
    hub.outcomes.push({ reject: 'deadline_passed' });
    const firstRefusal = await signAndSettle(engine, outbox, record.id);
    await engine.reopenForSigning(record.id);
    hub.outcomes.push({ reject: 'nonce_used' });
    const secondRefusal = await signAndSettle(engine, outbox, record.id);
    await engine.reopenForSigning(record.id);
    const accepted = await signAndSettle(engine, outbox, record.id);
    await engine.stop();

    const history = refusalsOf(accepted);
    expect(history.map((h) => h.code)).toEqual(['deadline_passed', 'nonce_used']);
    expect(history.map((h) => h.reason)).toEqual(['refused: deadline_passed', 'refused: nonce_used']);
    expect(history[0]!.signed).toEqual(firstRefusal.signed);
    expect(history[1]!.signed).toEqual(secondRefusal.signed);
    expect(history.every((h) => h.attempts === 1 && h.at > 0)).toBe(true);
    expect(new Set([history[0]!.signed!.nonce, history[1]!.signed!.nonce, accepted.signed!.nonce]).size).toBe(3);
  });

  it('a refusal of the labels themselves cannot be signed again unchanged; the record and its labels stay as they are', async () => {
    const { outbox, record, hub, engine } = await submittedBatch();
    hub.outcomes.push({ reject: 'root_mismatch' });
    const refused = await signAndSettle(engine, outbox, record.id);
    const others = await outbox.list();
    expect(describeRefusal(refused, others)).toMatchObject({ code: 'root_mismatch', blocker: expect.stringMatching(/labels themselves/) });
    await expect(engine.reopenForSigning(record.id)).rejects.toThrow(ResignError);
    await engine.stop();
    const after = (await outbox.get(record.id))!;
    expect(after).toEqual(refused);
    expect(batchPayloadOf(after).items).toHaveLength(2);
  });

  it('a batch whose items went out again in a new submit cannot be signed again (the items would be sent twice)', async () => {
    const { store, project, outbox, record, hub, engine } = await submittedBatch();
    hub.outcomes.push({ reject: 'deadline_passed' });
    await signAndSettle(engine, outbox, record.id);
    const again = await submitWorkUnit(store, outbox, project.id);
    expect(batchPayloadOf(again).items).toEqual(batchPayloadOf(record).items);
    await expect(engine.reopenForSigning(record.id)).rejects.toThrow(/submitted again/);
    await engine.stop();
    expect((await outbox.get(record.id))!.state).toBe('rejected');
  });

  it('only a refused record can be signed again', async () => {
    const { outbox, record, engine } = await submittedBatch();
    await expect(engine.reopenForSigning(record.id)).rejects.toThrow(/only a record the hub refused/);
    const accepted = await signAndSettle(engine, outbox, record.id);
    await expect(engine.reopenForSigning(record.id)).rejects.toThrow(ResignError);
    await engine.stop();
    expect((await outbox.get(record.id))!).toEqual(accepted);
  });

  it('a record refused before the history existed keeps its refusal (from lastError) when signed again', async () => {
    const { outbox, record, hub, engine } = await submittedBatch();
    hub.outcomes.push('network');
    await engine.confirmSigning(await engine.prepareSigning(record.id));
    await engine.stop();
    const signed = (await outbox.get(record.id))!.signed!;
    await outbox.db.outbox.put({ ...(await outbox.get(record.id))!, state: 'rejected', lastError: 'unknown_task: task t does not exist', attempts: 2 });

    const reopened = await engine.reopenForSigning(record.id);
    expect(refusalsOf(reopened)).toEqual([{ code: 'unknown_task', reason: 'task t does not exist', at: expect.any(Number), signed, attempts: 2 }]);
  });

  it('a verdict refused with deadline_passed is signed again and accepted with the same final labels; a refused labels hash is not', async () => {
    const { outbox, verdicts, engine } = await submittedBatch();
    const record = newVerdictRecord({ hubUrl: 'http://127.0.0.1:9', taskId: 'task-1', itemId: 'hub-7', shapes: [{ className: 'cat', box: { x: 1, y: 2, w: 3, h: 4 } }], reasons: [{ index: 0, reason: 'ok' }] }, Date.now());
    await outbox.add(record);
    verdicts.outcomes.push({ reject: 'deadline_passed' });
    const refused = await signAndSettle(engine, outbox, record.id, 'verdict');
    expect(refused.state).toBe('rejected');

    await engine.reopenForSigning(record.id);
    verdicts.options.deadline = refused.signed!.deadline + 3600;
    const accepted = await signAndSettle(engine, outbox, record.id, 'verdict');
    expect(accepted.state).toBe('accepted');
    expect(accepted.signed!.nonce).not.toBe(refused.signed!.nonce);
    expect(accepted.signed!.deadline).toBe(refused.signed!.deadline + 3600);
    expect(verdictPayloadOf(accepted)).toEqual(verdictPayloadOf(record));
    expect(verdicts.sent.at(-1)).toEqual(signedVerdictOf(accepted));
    expect(refusalsOf(accepted).map((r) => [r.code, r.signed?.signature])).toEqual([['deadline_passed', refused.signed!.signature]]);

    const other = newVerdictRecord({ hubUrl: 'http://127.0.0.1:9', taskId: 'task-1', itemId: 'hub-8', shapes: [], reasons: [] }, Date.now());
    await outbox.add(other);
    verdicts.outcomes.push({ reject: 'labels_mismatch' });
    await signAndSettle(engine, outbox, other.id, 'verdict');
    await expect(engine.reopenForSigning(other.id)).rejects.toThrow(/final labels themselves/);
    await engine.stop();
    expect((await outbox.get(other.id))!.state).toBe('rejected');
  });
});

describe('refusal classification', () => {
  // hub/README.md "Batch refusals" and "Verdict refusals": each code and whether the same labels may be signed again.
  const expected: Record<string, boolean> = {
    deadline_passed: true,
    nonce_used: true,
    wrong_signer: true,
    signer_not_session: true,
    invalid_signature: true,
    unknown_task: true,
    unknown_item: true,
    item_not_assigned: true,
    not_reviewer: true,
    invalid_json: false,
    invalid_body: false,
    item_count_mismatch: false,
    batch_too_large: false,
    body_too_large: false,
    invalid_labels: false,
    root_mismatch: false,
    labels_mismatch: false,
    item_mismatch: false,
    task_mismatch: false,
    item_already_submitted: false,
    item_not_in_dispute: false,
    reviewer_labeled_item: false,
  };

  it.each(Object.entries(expected))('%s → re-signable: %s', (code, resignable) => {
    expect(isResignable(code)).toBe(resignable);
    expect(refusalMeaning(code).words).not.toMatch(new RegExp(code));
  });

  it('treats a code it does not know as about the labels (not re-signed unchanged)', () => {
    expect(isResignable('http_418')).toBe(false);
    expect(refusalMeaning('http_418').words).toMatch(/http_418/);
  });
});
