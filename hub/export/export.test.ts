import { TypedDataEncoder, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatIds, type FormatFile } from '../../core/formats';
import { itemLabelHash } from '../../core/sync/canonicalLabels';
import { groundworkDomain } from '../../core/sync/eip712';
import { LABEL_BATCH_TYPES, taskIdToBytes32 } from '../../core/sync/labelBatch';
import type { LineageLine } from '../../core/verify/exportFiles';
import { verifyExport } from '../../core/verify/verifyExport';
import { recoverSigner } from '../batches/recoverSigner';
import { call } from '../testKit';
import { buildExportScenario, downloadExport, unzipText, type ExportScenario } from './exportTestKit';

let s: ExportScenario;
beforeAll(async () => {
  s = await buildExportScenario();
}, 120_000);
afterAll(async () => s?.hub.close());

const verify = (files: FormatFile[]) => verifyExport(files, { recoverSigner });
const lineageOf = (files: FormatFile[]) => files.find((f) => f.path === 'lineage.jsonl')!.content.trim().split('\n').map((l) => JSON.parse(l) as LineageLine);
/** The export with one lineage line changed. */
function withLine(files: FormatFile[], itemId: string, change: (line: LineageLine) => void): FormatFile[] {
  const lines = lineageOf(files).map((l) => {
    if (l.itemId === itemId) change(l);
    return JSON.stringify(l);
  });
  return files.map((f) => (f.path === 'lineage.jsonl' ? { ...f, content: `${lines.join('\n')}\n` } : f));
}
/** The COCO dataset with the person box of the agreed item 10 px taller. */
function tallerPersonBox(files: FormatFile[]): FormatFile[] {
  return files.map((f) => {
    if (f.path !== 'dataset/annotations.json') return f;
    const coco = JSON.parse(f.content) as { annotations: { bbox: number[] }[] };
    const person = coco.annotations.filter((a) => a.bbox.join() === '200,100,30,80');
    expect(person).toHaveLength(1);
    person[0]!.bbox[3] = 90;
    return { ...f, content: JSON.stringify(coco) };
  });
}
const problemsOf = (files: FormatFile[]) => verify(files).problems.map((p) => `${p.itemId} [${p.check}] ${p.message}`);

async function coco(): Promise<FormatFile[]> {
  const res = await downloadExport(s, 'format=coco&disputed=include');
  expect(res.status).toBe(200);
  return unzipText(res.zip);
}

describe('task items and export', () => {
  it('lists the task items with statuses and counts to the requester, page by page', async () => {
    const first = await call<{ items: { itemId: string; status: string; submissions: number }[]; next: number | null; counts: Record<string, number> }>(s.hub, 'GET', `/tasks/${s.taskId}/items?limit=3`, { token: s.token.requester });
    expect(first.status).toBe(200);
    expect(first.body.counts).toEqual({ open: 0, accepted: 2, disputed: 1, resolved: 1 });
    expect(first.body.items).toHaveLength(3);
    expect(first.body.items.every((i) => i.submissions === 3)).toBe(true);
    const second = await call<{ items: { itemId: string; status: string }[]; next: number | null }>(s.hub, 'GET', `/tasks/${s.taskId}/items?limit=3&after=${first.body.next}`, { token: s.token.operator });
    expect(second.body.items).toHaveLength(1);
    expect(second.body.next).toBeNull();
    const status = Object.fromEntries([...first.body.items, ...second.body.items].map((i) => [i.itemId, i.status]));
    expect(status).toEqual({ [s.items.agreed]: 'accepted', [s.items.dissent]: 'accepted', [s.items.resolved]: 'resolved', [s.items.disputed]: 'disputed' });
  });

  it.each(formatIds)('exports %s with lineage that verify-dataset accepts, final items only by default', async (format) => {
    const res = await downloadExport(s, `format=${format}`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/zip');
    const files = unzipText(res.zip);
    expect(files.some((f) => f.path.startsWith('dataset/'))).toBe(true);
    expect(files.some((f) => f.path.startsWith('disputed/'))).toBe(false);
    const result = verify(files);
    expect(result.problems).toEqual([]);
    expect(result.items).toEqual({ accepted: 2, resolved: 1, disputed: 0 });
    expect(result.submissions).toBe(9);
    expect(result.verdicts).toBe(1);
    const withDisputed = unzipText((await downloadExport(s, `format=${format}&disputed=include`)).zip);
    expect(withDisputed.some((f) => f.path.startsWith('disputed/'))).toBe(true);
    expect(verify(withDisputed).problems).toEqual([]);
  });

  it('carries per item the final labels hash, each submission with its batch, signature and proof, and the verdict', async () => {
    const lines = lineageOf(await coco());
    const resolved = lines.find((l) => l.itemId === s.items.resolved)!;
    expect(resolved.labels).toEqual(s.verdictShapes);
    expect(resolved.labelsHash).toBe(itemLabelHash(s.items.resolved, s.verdictShapes));
    expect(resolved.verdict?.labelsHash).toBe(resolved.labelsHash);
    expect(resolved.consensus.status).toBe('disputed');
    const dissent = lines.find((l) => l.itemId === s.items.dissent)!;
    expect(dissent.status).toBe('accepted');
    expect(dissent.consensus.agreeingAnnotators).toHaveLength(2);
    for (const sub of dissent.submissions) {
      expect(sub.proof.length).toBe(2);
      expect(sub.signature).toMatch(/^0x[0-9a-f]{130}$/);
      expect(sub.batch.itemCount).toBe(4);
    }
  });

  it('fails naming the item when a box is changed in the dataset file', async () => {
    const files = await coco();
    const agreed = lineageOf(files).find((l) => l.itemId === s.items.agreed)!;
    const problems = problemsOf(tallerPersonBox(files));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`${s.items.agreed} [dataset]`);
    expect(problems[0]).toContain(agreed.image.fileName);
  });

  it('fails naming the item when a box is changed in the lineage, with or without its hash and the dataset', async () => {
    const files = await coco();
    const moved = withLine(files, s.items.agreed, (l) => void (l.labels[0]!.box.h = 90));
    expect(problemsOf(moved).join('\n')).toMatch(new RegExp(`${s.items.agreed} \\[labels\\] the final labels hash to`));
    // Hash recomputed and the dataset changed to match: the labels no longer follow from the signed submissions.
    const consistent = tallerPersonBox(
      withLine(files, s.items.agreed, (l) => {
        l.labels.find((x) => x.className === 'person')!.box.h = 90;
        l.labelsHash = itemLabelHash(l.itemId, l.labels);
      }),
    );
    const problems = problemsOf(consistent);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`${s.items.agreed} \\[consensus\\] the final labels .* are not what consensus over the submissions gives`));
  });

  it('fails on a forged signature, naming the item and the signer it recovers to', async () => {
    const files = await coco();
    const forger = Wallet.createRandom();
    let victim = '';
    const forged = withLine(files, s.items.dissent, (l) => {
      const sub = l.submissions[0]!;
      victim = sub.annotator;
      const domain = groundworkDomain({ chainId: s.hub.context.config.chainId, verifyingContract: s.hub.context.config.rewardsContract });
      const batch = { annotator: sub.annotator, task: taskIdToBytes32(s.taskId), root: sub.batch.root, itemCount: sub.batch.itemCount, nonce: sub.batch.nonce, deadline: sub.batch.deadline };
      // A valid signature over the very batch digest, by another key.
      sub.signature = forger.signingKey.sign(TypedDataEncoder.hash(domain, LABEL_BATCH_TYPES, batch)).serialized;
    });
    const problems = problemsOf(forged);
    expect(problems).toEqual([expect.stringContaining(`${s.items.dissent} [signature] submission of ${victim}`)]);
    expect(problems[0]).toContain(`recovers to ${forger.address}, not the annotator ${victim}`);
  });

  it('fails naming the item when an attribute is changed in a format that carries them', async () => {
    const files = (await coco()).map((f) => (f.path === 'dataset/annotations.json' ? { ...f, content: f.content.replace('"plate": "AB 123"', '"plate": "XY 999"') } : f));
    const problems = problemsOf(files);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`${s.items.agreed} \\[dataset\\] .*"plate":"XY 999".* where the lineage's labels have .*"plate":"AB 123"`));
  });

  it("fails on a verdict signed by someone other than its reviewer, or for other labels", async () => {
    const files = await coco();
    const forger = Wallet.createRandom();
    const forged = withLine(files, s.items.resolved, (l) => {
      const v = l.verdict!;
      v.signature = forger.signingKey.sign(v.digest).serialized;
    });
    expect(problemsOf(forged)).toEqual([expect.stringMatching(new RegExp(`${s.items.resolved} \\[signature\\] verdict of 0x[0-9a-fA-F]{40}: the signature recovers to ${forger.address}, not the reviewer`))]);
    const otherLabels = withLine(files, s.items.resolved, (l) => {
      l.labels[0]!.box.x = 99;
      l.labelsHash = itemLabelHash(l.itemId, l.labels);
    });
    expect(problemsOf(otherLabels).join('\n')).toMatch(new RegExp(`${s.items.resolved} \\[verdict\\] the verdict signs labels hash 0x[0-9a-f]{64}, but the final labels hash to`));
  });

  it('fails on a wrong inclusion proof', async () => {
    const files = await coco();
    const wrong = withLine(files, s.items.dissent, (l) => void (l.submissions[1]!.proof[0] = `0x${'ab'.repeat(32)}`));
    const problems = problemsOf(wrong);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`${s.items.dissent} \\[proof\\] .*the inclusion proof does not lead from label hash`));
  });

  it('fails when a disputed item is passed off as accepted with its proposal', async () => {
    const files = await coco();
    const lied = withLine(files, s.items.disputed, (l) => {
      l.status = 'accepted';
    });
    expect(problemsOf(lied).join('\n')).toMatch(new RegExp(`${s.items.disputed} \\[consensus\\] the item is accepted, but consensus over its submissions disputes it`));
  });

  it('answers 403 to an annotator, 404 for an unknown task to operators, 400 for an unknown format', async () => {
    expect((await downloadExport(s, 'format=coco', 'annotator')).status).toBe(403);
    const unknown = await fetch(`${s.hub.url}/tasks/no-such-task/export?format=coco`, { headers: { authorization: `Bearer ${s.token.operator}` } });
    expect(unknown.status).toBe(404);
    expect((await downloadExport(s, 'format=png')).status).toBe(400);
  });
});
