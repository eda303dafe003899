import { EpochLedgerSchema, type EpochLedger } from '../hubApi/epochs';
import { checksumAddress } from '../sync/address';
import { buildRewardsTree, REWARDS_LEAF_TYPES } from '../sync/rewardsTree';
import { describeIssues } from '../sync/wireSchemas';
import type { FormatFile } from '../formats';
import type { ExportManifest, LineageLine } from './exportFiles';
import type { Report } from './problems';
import { checkServedLedger } from './checkServedLedgers';

/** Where an export carries the ledgers of the epochs that rewarded its items. */
export const LEDGER_DIR = 'ledger';
export const ledgerPath = (epoch: string | bigint) => `${LEDGER_DIR}/epoch-${epoch}.json`;

/** What the chain says was posted for an epoch: its RootPosted root, or null when none was. */
export type PostedRoots = ReadonlyMap<string, string | null>;

export interface LedgerSummary {
  epochs: number;
  /** Final items of the export that a ledger rewards, each checked against its lineage. */
  rewardedItems: number;
  /** Final items no ledger rewards yet (waiting for a close or for funds). */
  unrewardedItems: number;
  /** Epochs whose root was compared with the chain's. */
  onChain: number;
  /** Epochs whose whole ledger (every task's items) the hub served and was checked (`--hub`). */
  servedByHub: number;
}

const PPM = 1_000_000n;
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function readLedgers(files: readonly FormatFile[], report: Report): EpochLedger[] {
  const ledgers: EpochLedger[] = [];
  for (const f of files.filter((x) => x.path.startsWith(`${LEDGER_DIR}/`))) {
    try {
      const parsed = EpochLedgerSchema.safeParse(JSON.parse(f.content));
      if (!parsed.success) throw new Error(describeIssues(parsed.error));
      if (f.path !== ledgerPath(parsed.data.epoch)) throw new Error(`holds epoch ${parsed.data.epoch}, expected at ${ledgerPath(parsed.data.epoch)}`);
      ledgers.push(parsed.data);
    } catch (e) {
      report(null, 'ledger', `${f.path}: ${(e as Error).message}`);
    }
  }
  return ledgers.sort((a, b) => (BigInt(a.epoch) < BigInt(b.epoch) ? -1 : 1));
}

/**
 * The ledger's root recomputed with core's rewards tree from its leaves, in the manifest's
 * domain (the chain and contract every signature was checked against, not the ledger's word),
 * against the root the ledger states and the one the chain posted for its epoch.
 */
function checkRoot(ledger: EpochLedger, manifest: ExportManifest, posted: PostedRoots | undefined, report: Report): boolean {
  const e = `epoch ${ledger.epoch}`;
  const { chainId, verifyingContract } = manifest.domain;
  if (ledger.chainId !== chainId) report(null, 'ledger', `${e}: the ledger says chain ${ledger.chainId}, the manifest's EIP-712 domain chain ${chainId}; the root is recomputed for chain ${chainId}`);
  if (!same(ledger.contract, verifyingContract)) report(null, 'ledger', `${e}: the ledger says contract ${ledger.contract}, the manifest's EIP-712 domain ${verifyingContract}; the root is recomputed and read for ${verifyingContract}`);
  if (ledger.leafEncoding.join(',') !== REWARDS_LEAF_TYPES.join(',')) report(null, 'ledger', `${e}: leaves are (${ledger.leafEncoding.join(', ')}), not the distributor's (${REWARDS_LEAF_TYPES.join(', ')})`);
  if (ledger.pages !== 1 || ledger.leaves.length !== ledger.leafCount) report(null, 'ledger', `${e}: the ledger is one page of ${ledger.pages} (${ledger.leaves.length} of ${ledger.leafCount} leaves): the root needs every leaf`);
  let root: string;
  try {
    root = buildRewardsTree({ chainId, distributor: verifyingContract, entries: ledger.leaves.map((l) => ({ task: l.task, account: l.account, cumulative: BigInt(l.cumulative) })) }).root;
  } catch (err) {
    report(null, 'ledger', `${e}: its leaves do not make a rewards tree: ${(err as Error).message}`);
    return false;
  }
  if (root !== ledger.root.toLowerCase()) report(null, 'ledger', `${e}: the leaves hash to root ${root}, the ledger states ${ledger.root}`);
  if (posted) {
    const onChain = posted.get(ledger.epoch);
    if (onChain === undefined) report(null, 'chain', `${e}: the chain was not asked for this epoch's root`);
    else if (onChain === null) report(null, 'chain', `${e}: contract ${verifyingContract} on chain ${chainId} never posted a root for this epoch`);
    else if (onChain.toLowerCase() !== root) report(null, 'chain', `${e}: the chain posted root ${onChain.toLowerCase()}, the ledger's leaves hash to ${root}`);
  }
  return true;
}

/** Each of the task's leaves = what the previous epoch left it + this epoch's payouts of the task's items to that account. */
function checkLeaves(ledger: EpochLedger, task: string, before: Map<string, bigint>, report: Report): Map<string, bigint> {
  const e = `epoch ${ledger.epoch}`;
  const paid = new Map<string, bigint>();
  for (const item of ledger.items) if (same(item.task, task)) for (const p of item.payouts) paid.set(checksumAddress(p.account), (paid.get(checksumAddress(p.account)) ?? 0n) + BigInt(p.amount));
  const after = new Map<string, bigint>();
  for (const leaf of ledger.leaves.filter((l) => same(l.task, task))) {
    const account = checksumAddress(leaf.account);
    const name = `${e}, leaf (${task}, ${account})`;
    const previous = BigInt(leaf.previous);
    const expectedPrevious = before.get(account) ?? 0n;
    if (previous !== expectedPrevious) report(null, 'ledger', `${name}: starts from ${previous}, the earlier ledgers of this task end at ${expectedPrevious}`);
    const sum = previous + (paid.get(account) ?? 0n);
    if (sum !== BigInt(leaf.cumulative)) report(null, 'ledger', `${name}: cumulative ${leaf.cumulative}, but ${previous} before plus this epoch's payouts is ${sum}`);
    after.set(account, BigInt(leaf.cumulative));
    paid.delete(account);
  }
  for (const [account] of paid) report(null, 'ledger', `${e}: items of the task pay ${account}, who has no leaf for the task`);
  for (const [account, amount] of before) if (!after.has(account)) report(null, 'ledger', `${e}, leaf (${task}, ${account}): gone, after ${amount} in an earlier epoch (totals never shrink)`);
  return after;
}

interface TaskRate {
  rewardPerItem: string;
  reviewerFee: string;
}

/** One rewarded item against its lineage: paid to exactly its agreeing annotators at the task's reward × their epoch multiplier, and the fee to its verdict's reviewer. */
function checkItem(ledger: EpochLedger, item: EpochLedger['items'][number], line: LineageLine | undefined, rates: Map<string, number>, rate: TaskRate, report: Report): void {
  const e = `epoch ${ledger.epoch}`;
  if (!line || line.status === 'disputed') {
    report(item.itemId, 'ledger', `${e} rewards this item, but the export has it ${line ? 'disputed' : 'nowhere'}`);
    return;
  }
  if (line.status !== item.status) report(item.itemId, 'ledger', `${e} rewards it as ${item.status}, the lineage says ${line.status}`);
  if (item.rewardPerItem !== rate.rewardPerItem || item.reviewerFee !== rate.reviewerFee) {
    report(item.itemId, 'ledger', `${e} pays it at reward ${item.rewardPerItem} / fee ${item.reviewerFee}, other items of the task at ${rate.rewardPerItem} / ${rate.reviewerFee}`);
  }
  const annotators = item.payouts.filter((p) => p.role === 'annotator');
  const agreeing = new Set(line.consensus.agreeingAnnotators.map((a) => a.toLowerCase()));
  const paidTo = new Set(annotators.map((p) => p.account.toLowerCase()));
  for (const a of agreeing) if (!paidTo.has(a)) report(item.itemId, 'ledger', `${e}: agreeing annotator ${checksumAddress(a)} is not paid`);
  for (const p of annotators) {
    if (!agreeing.has(p.account.toLowerCase())) report(item.itemId, 'ledger', `${e}: pays ${p.account}, who is not an agreeing annotator`);
    const ppm = p.multiplierPpm ?? -1;
    const known = rates.get(p.account.toLowerCase()) ?? ppm;
    rates.set(p.account.toLowerCase(), known);
    if (ppm !== known) report(item.itemId, 'ledger', `${e}: pays ${p.account} at multiplier ${ppm / 1e6}, other items of the epoch at ${known / 1e6}`);
    const expected = ppm < 0 ? null : (BigInt(item.rewardPerItem) * BigInt(ppm)) / PPM;
    if (expected !== BigInt(p.amount)) report(item.itemId, 'ledger', `${e}: pays ${p.account} ${p.amount}, reward ${item.rewardPerItem} × multiplier ${ppm / 1e6} is ${expected ?? 'undefined'}`);
  }
  const reviewers = item.payouts.filter((p) => p.role === 'reviewer');
  const fee = BigInt(item.reviewerFee);
  const expectReviewer = line.status === 'resolved' && line.verdict && fee > 0n ? line.verdict.reviewer : null;
  if (!expectReviewer && reviewers.length > 0) report(item.itemId, 'ledger', `${e}: pays a reviewer fee to ${reviewers[0]!.account}, but no verdict of this item earns one`);
  if (expectReviewer && (reviewers.length !== 1 || !same(reviewers[0]!.account, expectReviewer) || BigInt(reviewers[0]!.amount) !== fee)) {
    report(item.itemId, 'ledger', `${e}: the reviewer fee ${fee} is owed to ${expectReviewer}; the ledger pays ${reviewers.map((r) => `${r.amount} to ${r.account}`).join(', ') || 'no reviewer'}`);
  }
}

/**
 * The export's ledgers against its lineage (and the chain, when `posted` is given): each
 * ledger's leaves hash to its root (and the chain's), the task's leaves add up from one epoch
 * to the next out of the payouts of the task's items, and each rewarded item is paid as the
 * consensus rule and the task's reward say. Problems name the epoch, the leaf or the item.
 */
export function checkLedgers(
  ledgers: readonly EpochLedger[],
  manifest: ExportManifest,
  lines: readonly LineageLine[],
  posted: PostedRoots | undefined,
  report: Report,
  served?: ReadonlyMap<string, EpochLedger>,
): LedgerSummary {
  const task = manifest.task.toLowerCase();
  const lineOf = new Map(lines.map((l) => [l.itemId, l]));
  const rewardedIn = new Map<string, string>();
  let before = new Map<string, bigint>();
  let rate: TaskRate | null = null;
  for (const ledger of ledgers) {
    checkRoot(ledger, manifest, posted, report);
    const whole = served?.get(ledger.epoch);
    if (whole) checkServedLedger(whole, ledger, task, report);
    else if (served) report(null, 'ledger', `epoch ${ledger.epoch}: the hub did not serve this epoch's ledger`);
    if (ledger.itemsOfTask !== undefined && !same(ledger.itemsOfTask, task)) report(null, 'ledger', `epoch ${ledger.epoch}: the ledger carries the items of task ${ledger.itemsOfTask}, not of ${task}`);
    before = checkLeaves(ledger, task, before, report);
    const rates = new Map<string, number>();
    for (const item of ledger.items.filter((i) => same(i.task, task))) {
      rate ??= { rewardPerItem: item.rewardPerItem, reviewerFee: item.reviewerFee };
      const earlier = rewardedIn.get(item.itemId);
      if (earlier) report(item.itemId, 'ledger', `rewarded twice: in epoch ${earlier} and in epoch ${ledger.epoch}`);
      rewardedIn.set(item.itemId, ledger.epoch);
      checkItem(ledger, item, lineOf.get(item.itemId), rates, rate, report);
    }
  }
  const final = lines.filter((l) => l.status !== 'disputed');
  const rewarded = final.filter((l) => rewardedIn.has(l.itemId)).length;
  return { epochs: ledgers.length, rewardedItems: rewarded, unrewardedItems: final.length - rewarded, onChain: posted ? ledgers.length : 0, servedByHub: served ? served.size : 0 };
}
