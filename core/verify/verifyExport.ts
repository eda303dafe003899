import type { FormatFile } from '../formats';
import { groundworkDomain, type Eip712Domain } from '../sync/eip712';
import { taskIdToBytes32 } from '../sync/labelBatch';
import type { Keccak256 } from '../sync/merkle';
import { describeIssues } from '../sync/wireSchemas';
import { checkDataset } from './checkDataset';
import { checkLedgers, readLedgers, type LedgerSummary, type PostedRoots } from './checkLedgers';
import type { EpochLedger } from '../hubApi/epochs';
import { checkDecision } from './checkDecision';
import { cachedRecover, checkSubmissions, type RecoverSigner } from './checkSubmissions';
import { checkVideoDataset } from './checkVideoDataset';
import { DATASET_DIR, DISPUTED_DIR, isVideoFormat, LINEAGE_FILE, LineageLineSchema, MANIFEST_FILE, ManifestSchema, type ExportManifest, type LineageLine } from './exportFiles';
import { problemList, type Problem } from './problems';

export interface VerifyOptions {
  recoverSigner: RecoverSigner;
  /** A faster keccak256 for the proofs (must be keccak256). */
  keccak?: Keccak256;
  /** Pin the EIP-712 domain instead of taking the manifest's word for it. */
  expectDomain?: { chainId?: number; verifyingContract?: string };
  /** The roots the chain posted, by epoch (read by the caller from the manifest's contract): each ledger's root is compared with its epoch's. */
  postedRoots?: PostedRoots;
  /** The hub's whole ledgers, by epoch (`--hub`): every leaf of every task checked against its payouts. */
  servedLedgers?: ReadonlyMap<string, EpochLedger>;
}

export interface VerifyResult {
  ok: boolean;
  manifest: ExportManifest | null;
  items: { accepted: number; resolved: number; disputed: number };
  submissions: number;
  batches: number;
  verdicts: number;
  datasetBoxes: number;
  /** The export's epoch ledgers (`ledger/epoch-<n>.json`), checked against the lineage and, with `postedRoots`, the chain. */
  ledgers: LedgerSummary;
  problems: Problem[];
}

/** Splits `dataset/…` and `disputed/…` files off the export's file list, paths relative to their folder. */
function filesUnder(files: readonly FormatFile[], dir: string): FormatFile[] {
  return files.filter((f) => f.path.startsWith(`${dir}/`)).map((f) => ({ path: f.path.slice(dir.length + 1), content: f.content }));
}

function readLineage(text: string, report: ReturnType<typeof problemList>['report']): LineageLine[] {
  const lines: LineageLine[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (e) {
      report(null, 'lineage', `${LINEAGE_FILE} line ${i + 1} is not JSON: ${(e as Error).message}`);
      return;
    }
    const parsed = LineageLineSchema.safeParse(json);
    if (parsed.success) lines.push(parsed.data);
    else report((json as { itemId?: string })?.itemId ?? null, 'lineage', `${LINEAGE_FILE} line ${i + 1}: ${describeIssues(parsed.error)}`);
  });
  return lines;
}

function domainOf(manifest: ExportManifest, opts: VerifyOptions, report: ReturnType<typeof problemList>['report']): Eip712Domain {
  const pinned = opts.expectDomain ?? {};
  if (pinned.chainId !== undefined && pinned.chainId !== manifest.domain.chainId) report(null, 'manifest', `the export is signed for chain ${manifest.domain.chainId}, you expect ${pinned.chainId}`);
  if (pinned.verifyingContract !== undefined && pinned.verifyingContract.toLowerCase() !== manifest.domain.verifyingContract.toLowerCase()) {
    report(null, 'manifest', `the export is signed for contract ${manifest.domain.verifyingContract}, you expect ${pinned.verifyingContract}`);
  }
  const domain = groundworkDomain({ chainId: pinned.chainId ?? manifest.domain.chainId, verifyingContract: pinned.verifyingContract ?? manifest.domain.verifyingContract });
  if (domain.name !== manifest.domain.name || domain.version !== manifest.domain.version) {
    report(null, 'manifest', `the manifest's domain is ${manifest.domain.name} v${manifest.domain.version}, Groundwork signs in ${domain.name} v${domain.version}`);
  }
  return domain;
}

/**
 * Verifies a hub export offline (pure: the caller reads the zip or folder
 * and brings secp256k1 recovery). Every problem is collected, each naming
 * its item; `ok` only when there are none.
 */
export function verifyExport(files: readonly FormatFile[], opts: VerifyOptions): VerifyResult {
  const { problems, report } = problemList();
  const result: VerifyResult = { ok: false, manifest: null, items: { accepted: 0, resolved: 0, disputed: 0 }, submissions: 0, batches: 0, verdicts: 0, datasetBoxes: 0, ledgers: { epochs: 0, rewardedItems: 0, unrewardedItems: 0, onChain: 0, servedByHub: 0 }, problems };
  const manifestFile = files.find((f) => f.path === MANIFEST_FILE);
  const lineageFile = files.find((f) => f.path === LINEAGE_FILE);
  if (!manifestFile || !lineageFile) {
    report(null, 'files', `an export holds ${MANIFEST_FILE} and ${LINEAGE_FILE} at its top level; missing ${[!manifestFile && MANIFEST_FILE, !lineageFile && LINEAGE_FILE].filter(Boolean).join(' and ')}`);
    return result;
  }
  let manifest: ExportManifest;
  try {
    const parsed = ManifestSchema.safeParse(JSON.parse(manifestFile.content));
    if (!parsed.success) throw new Error(describeIssues(parsed.error));
    manifest = parsed.data;
  } catch (e) {
    report(null, 'manifest', `${MANIFEST_FILE}: ${(e as Error).message}`);
    return result;
  }
  result.manifest = manifest;
  if (taskIdToBytes32(manifest.taskId) !== manifest.task.toLowerCase()) report(null, 'manifest', `task ${manifest.task} is not the hash of task id "${manifest.taskId}"`);
  const domain = domainOf(manifest, opts, report);
  const task = taskIdToBytes32(manifest.taskId);
  const recover = cachedRecover(opts.recoverSigner);
  const lines = readLineage(lineageFile.content, report);

  const ids = new Set<string>();
  const batches = new Set<string>();
  for (const line of lines) {
    if (ids.has(line.itemId)) report(line.itemId, 'lineage', 'the item has two lineage lines');
    ids.add(line.itemId);
    result.items[line.status]++;
    result.submissions += line.submissions.length;
    for (const s of line.submissions) batches.add(s.batch.digest.toLowerCase());
    if (line.verdict) result.verdicts++;
    checkSubmissions(line, { domain, task, redundancy: manifest.redundancy, recover, keccak: opts.keccak }, report);
    checkDecision(line, { domain, task, iouThreshold: manifest.iouThreshold, videoOptions: manifest.videoConsensus, recover }, report);
  }
  result.batches = batches.size;
  for (const status of ['accepted', 'resolved', 'disputed'] as const) {
    if (result.items[status] !== manifest.counts[status]) report(null, 'lineage', `the manifest counts ${manifest.counts[status]} ${status} items, the lineage has ${result.items[status]}`);
  }
  if (manifest.disputed === 'exclude' && result.items.disputed > 0) report(null, 'lineage', 'the export excludes disputed items, but the lineage has some');

  const final = lines.filter((l) => l.status !== 'disputed');
  const { format } = manifest;
  const checkFolder = (dir: string, folderLines: LineageLine[]) => {
    if (isVideoFormat(format)) return checkVideoDataset(dir, format, filesUnder(files, dir), folderLines, report);
    for (const l of folderLines) if (l.video) report(l.itemId, 'dataset', `item "${l.image.fileName}" is a video, but the export is in the image format ${format}`);
    return checkDataset(dir, format, filesUnder(files, dir), folderLines, report);
  };
  result.datasetBoxes += checkFolder(DATASET_DIR, final);
  const disputed = lines.filter((l) => l.status === 'disputed');
  if (manifest.disputed === 'include') result.datasetBoxes += checkFolder(DISPUTED_DIR, disputed);
  result.ledgers = checkLedgers(readLedgers(files, report), manifest, lines, opts.postedRoots, report, opts.servedLedgers);
  result.ok = problems.length === 0;
  return result;
}
