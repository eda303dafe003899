import type { VideoConsensusOptions } from '../consensus';
import { sameAddress } from '../sync/address';
import { itemLabelHash } from '../sync/canonicalLabels';
import type { Eip712Domain } from '../sync/eip712';
import { itemIdToBytes32 } from '../sync/labelBatch';
import { verdictDigest } from '../sync/verdict';
import type { LineageLine } from './exportFiles';
import type { Report } from './problems';
import type { cachedRecover } from './checkSubmissions';
import { labelsText, reDecide } from './reDecide';

export interface DecisionCheckContext {
  domain: Eip712Domain;
  task: string;
  iouThreshold: number;
  /** A video task's thresholds (the manifest's); unset ones take core's defaults. */
  videoOptions?: VideoConsensusOptions;
  recover: ReturnType<typeof cachedRecover>;
}

const SCORE_TOLERANCE = 1e-9;
const sortedLower = (list: readonly string[]) => list.map((a) => a.toLowerCase()).sort();
const sameSet = (a: readonly string[], b: readonly string[]) => sortedLower(a).join() === sortedLower(b).join();

/**
 * The item's labels follow from its submissions: the final labels hash to
 * what the lineage says; consensus (core/consensus, the hub's code: image
 * or, for a line with video labels, video consensus with the task's
 * thresholds, reDecide.ts) re-run over the submissions in lineage order
 * gives the stated status and scores;
 * an accepted item's labels are that consensus; a disputed one's are its
 * proposal; a resolved one was disputed and its labels are the ones a
 * reviewer (who did not label it) signed.
 */
export function checkDecision(line: LineageLine, ctx: DecisionCheckContext, report: Report): void {
  const id = line.itemId;
  let labelsHash: string;
  try {
    labelsHash = itemLabelHash(id, line.labels, line.video);
  } catch (e) {
    report(id, 'labels', `the final labels are not valid canonical labels: ${(e as Error).message}`);
    return;
  }
  if (labelsHash !== line.labelsHash.toLowerCase()) report(id, 'labels', `the final labels hash to ${labelsHash}, but the lineage says ${line.labelsHash}`);
  if (line.submissions.length === 0) {
    report(id, 'consensus', 'no submissions: nothing to decide the labels from');
    return;
  }
  const result = reDecide(line, { iouThreshold: ctx.iouThreshold, videoOptions: ctx.videoOptions ?? {} }, report);
  if (!result) return;
  const expectedStatus = line.status === 'accepted' ? 'accepted' : 'disputed';
  if (result.status !== expectedStatus) {
    report(id, 'consensus', `the item is ${line.status}, but consensus over its submissions ${result.status === 'accepted' ? 'accepts it' : 'disputes it'} (score ${result.score.toFixed(4)})`);
  }
  if (line.consensus.status !== result.status) report(id, 'consensus', `the lineage's consensus status is ${line.consensus.status}, re-running it gives ${result.status}`);
  if (Math.abs(result.score - line.consensus.score) > SCORE_TOLERANCE) report(id, 'consensus', `consensus score ${line.consensus.score} stated, ${result.score} re-computed from the submissions`);
  for (const a of result.annotators) {
    const stated = line.consensus.annotators.find((x) => sameAddress(x.annotator, a.annotator));
    if (!stated || Math.abs(stated.agreement - a.agreement) > SCORE_TOLERANCE) report(id, 'consensus', `agreement of ${a.annotator}: ${stated?.agreement ?? 'missing'} stated, ${a.agreement} re-computed`);
  }
  if (line.status !== 'resolved' && result.labelsHash !== labelsHash) {
    const what = line.status === 'accepted' ? 'final labels' : 'proposal';
    report(id, 'consensus', `the ${what} (${labelsText(line.labels, line.video)}, hash ${labelsHash}) are not what consensus over the submissions gives (${result.labelsText}, hash ${result.labelsHash})`);
  }
  if (line.status === 'resolved') checkVerdict(line, labelsHash, ctx, report);
  else if (line.verdict) report(id, 'verdict', `a ${line.status} item carries a verdict`);
  const agreeing = line.status === 'disputed' ? [] : line.submissions.filter((s) => result.agrees(s)).map((s) => s.annotator);
  if (!sameSet(agreeing, line.consensus.agreeingAnnotators)) {
    report(id, 'consensus', `agreeing annotators stated [${line.consensus.agreeingAnnotators.join(', ')}], re-computed [${agreeing.join(', ')}]`);
  }
}

function checkVerdict(line: LineageLine, labelsHash: string, ctx: DecisionCheckContext, report: Report): void {
  const id = line.itemId;
  const v = line.verdict;
  if (!v) {
    report(id, 'verdict', 'the item is resolved but carries no verdict');
    return;
  }
  if (v.labelsHash.toLowerCase() !== labelsHash) report(id, 'verdict', `the verdict signs labels hash ${v.labelsHash}, but the final labels hash to ${labelsHash}`);
  if (line.submissions.some((s) => sameAddress(s.annotator, v.reviewer))) report(id, 'verdict', `the reviewer ${v.reviewer} also labeled the item`);
  const digest = verdictDigest(ctx.domain, { reviewer: v.reviewer, task: ctx.task, item: itemIdToBytes32(id), labelsHash: v.labelsHash, nonce: v.nonce, deadline: v.deadline });
  if (digest !== v.digest.toLowerCase()) report(id, 'verdict', `the verdict fields give EIP-712 digest ${digest}, not the stated ${v.digest}`);
  const got = ctx.recover(digest, v.signature);
  if ('error' in got) report(id, 'signature', `verdict of ${v.reviewer}: the signature is invalid, it recovers no signer (${got.error})`);
  else if (!sameAddress(got.signer, v.reviewer)) report(id, 'signature', `verdict of ${v.reviewer}: the signature recovers to ${got.signer}, not the reviewer`);
}
