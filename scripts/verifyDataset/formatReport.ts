import { isVideoFormat, type ExportManifest } from '../../core/verify/exportFiles';
import type { VerifyResult } from '../../core/verify/verifyExport';

/** What the dataset check read: boxes of an image export; of a video export, its tracks and single-frame boxes together (core/verify/checkVideoDataset.ts). */
function datasetLabels(format: ExportManifest['format'], count: number): string {
  return isVideoFormat(format) ? `${count} dataset tracks and frame boxes` : `${count} dataset boxes`;
}

/** The summary `verify-dataset` prints: what was checked, then every problem by item (at most `maxProblems`). */
export function formatReport(target: string, r: VerifyResult, seconds: number, maxProblems = 50): string {
  const out: string[] = [];
  const m = r.manifest;
  if (m) {
    out.push(`verify-dataset: ${target}`);
    out.push(`  task ${m.taskId} "${m.title}" (${m.task}), format ${m.format}, k = ${m.redundancy}, IoU ${m.iouThreshold}`);
    out.push(`  signatures checked in EIP-712 domain ${m.domain.name} v${m.domain.version}, chain ${m.domain.chainId}, contract ${m.domain.verifyingContract}`);
    out.push(`  items: ${r.items.accepted} accepted, ${r.items.resolved} resolved by a verdict, ${r.items.disputed} disputed (proposals)`);
    out.push(`  checked: ${r.submissions} submissions (label hash, inclusion proof, signer) from ${r.batches} signed batches, ${r.verdicts} verdicts, consensus re-run for ${r.items.accepted + r.items.resolved + r.items.disputed} items, ${datasetLabels(m.format, r.datasetBoxes)}`);
    const l = r.ledgers;
    out.push(
      l.epochs === 0
        ? '  ledgers: none (no item of the export has been rewarded in a posted epoch)'
        : `  ledgers: ${l.epochs} epoch${l.epochs === 1 ? '' : 's'} (roots recomputed from their leaves${l.onChain > 0 ? ' and compared with the roots posted on chain' : '; not compared with the chain: pass --rpc'}${l.servedByHub > 0 ? `; the hub's whole ledgers checked leaf by leaf` : ''}), ${l.rewardedItems} items paid as the ledgers say, ${l.unrewardedItems} final items not rewarded yet`,
    );
  }
  if (r.ok) {
    out.push(`OK: every signature, proof, label hash, consensus and ledger checks out (${seconds.toFixed(2)} s)`);
    return out.join('\n');
  }
  out.push(`FAILED: ${r.problems.length} problem${r.problems.length === 1 ? '' : 's'} (${seconds.toFixed(2)} s)`);
  for (const p of r.problems.slice(0, maxProblems)) out.push(`  ${p.itemId ? `item ${p.itemId}` : 'export'} [${p.check}]: ${p.message}`);
  if (r.problems.length > maxProblems) out.push(`  … and ${r.problems.length - maxProblems} more`);
  return out.join('\n');
}
