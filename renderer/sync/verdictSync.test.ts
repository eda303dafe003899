import { describe, expect, it } from 'vitest';
import { itemLabelHash } from '../../core/sync/canonicalLabels';
import { freshDbName } from '../store/testing/fixtures';
import { testStores } from '../store/testing/testStores';
import { Outbox } from './outbox';
import { SyncEngine } from './syncEngine';
import { scriptedHub } from './testing/scriptedHub';
import { scriptedVerdictHub } from './testing/scriptedVerdictHub';
import { alwaysOnline } from './transport';
import { newVerdictRecord, signedVerdictOf, verdictPayloadOf } from './verdictRecords';

const { openStore } = testStores();
const fastBackoff = { baseMs: 5, maxMs: 20 };
const HUB = 'http://127.0.0.1:9';

async function until(check: () => Promise<boolean>, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function setup() {
  const store = await openStore(freshDbName());
  const outbox = new Outbox(store.db);
  const batches = scriptedHub();
  const verdicts = scriptedVerdictHub();
  const engine = new SyncEngine({ outbox, transport: { ...batches.transport, ...verdicts.transport }, connectivity: alwaysOnline, backoff: fastBackoff, random: () => 1 });
  const record = newVerdictRecord(
    {
      hubUrl: HUB,
      taskId: 'task-1',
      itemId: 'hub-7',
      shapes: [
        { className: 'dog', box: { x: 1.004, y: 2, w: 3, h: 4 } },
        { className: 'cat', box: { x: 9, y: 9, w: 9, h: 9 } },
      ],
      reasons: [
        { index: 1, reason: 'wrong_class' },
        { index: 0, reason: 'ok' },
        { index: 2, reason: 'extra_object' },
      ],
    },
    Date.now(),
  );
  await outbox.add(record);
  return { store, outbox, engine, verdicts, record };
}

describe('verdicts in the outbox', () => {
  it('stores the verdict in canonical form with the hash the host will sign', async () => {
    const { record, outbox } = await setup();
    const payload = verdictPayloadOf((await outbox.get(record.id))!);
    expect(payload.shapes.map((s) => s.className)).toEqual(['cat', 'dog']);
    expect(payload.shapes[1]!.box.x).toBe(1);
    expect(payload.labelsHash).toBe(itemLabelHash('hub-7', payload.shapes));
    expect(payload.reasons.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(record).toMatchObject({ kind: 'verdict', state: 'pending', attempts: 0 });
    expect(record.signed).toBeUndefined();
  });

  it('signs once, saves the signature first, and re-sends the same signed verdict until the hub accepts', async () => {
    const { outbox, engine, verdicts, record } = await setup();
    verdicts.outcomes.push('network', 'network');
    await engine.start();
    const request = await engine.prepareVerdictSigning(record.id);
    expect(request.summary.labelsHash).toBe(verdictPayloadOf(record).labelsHash);
    const afterFirst = await engine.confirmVerdictSigning(request);
    expect(afterFirst.signed).toBeDefined();
    await until(async () => (await outbox.get(record.id))!.state === 'accepted');
    await engine.stop();
    expect(verdicts.sent).toHaveLength(3);
    expect(new Set(verdicts.sent.map((s) => s.signature)).size).toBe(1);
    expect(verdicts.sent[2]).toEqual(signedVerdictOf((await outbox.get(record.id))!));
    expect((await outbox.get(record.id))!.attempts).toBe(3);
    await expect(engine.prepareVerdictSigning(record.id)).rejects.toThrow(/already signed/);
  });

  it('refuses to sign when the host would hash other labels, and records the hub reason of a refusal', async () => {
    const { outbox, engine, verdicts, record } = await setup();
    verdicts.options.tamper = true;
    await expect(engine.prepareVerdictSigning(record.id)).rejects.toThrow(/not signed/);
    verdicts.options.tamper = false;
    verdicts.outcomes.push({ reject: 'reviewer_labeled_item' });
    await engine.start();
    await engine.confirmVerdictSigning(await engine.prepareVerdictSigning(record.id));
    await engine.idle();
    await engine.stop();
    const final = (await outbox.get(record.id))!;
    expect(final.state).toBe('rejected');
    expect(final.lastError).toBe('reviewer_labeled_item: refused: reviewer_labeled_item');
  });

  it('refuses to sign a verdict on a host that cannot upload verdicts', async () => {
    const { store, record } = await setup();
    const outbox = new Outbox(store.db);
    const batchesOnly = new SyncEngine({ outbox, transport: scriptedHub().transport, connectivity: alwaysOnline, backoff: fastBackoff });
    await expect(batchesOnly.prepareVerdictSigning(record.id)).rejects.toThrow(/cannot sign or upload verdicts/);
  });
});
