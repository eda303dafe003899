import { strToU8, type Zippable } from 'fflate';
import { ledgerPath } from '../../core/verify/checkLedgers';
import type { HubContext } from '../context';
import { epochLedgerOfTask } from '../epochs/epochLedger';

/**
 * `ledger/epoch-<n>.json` for every posted epoch that rewarded an item of the task: every leaf of
 * the epoch's tree (the root needs them all) and the task's items of that epoch (they justify the
 * task's leaves). Carried in the zip rather than fetched from the hub at verification time, so the
 * export checks against the chain with no hub at all; its size is the task's own items plus one
 * leaf per (task, account) of the network, which stays far below the lineage's.
 */
export async function exportLedgers(ctx: HubContext, taskId: string, task: string): Promise<Zippable> {
  const epochs = await ctx.db.query<{ epoch: bigint }>(
    `SELECT DISTINCT i.rewarded_epoch AS epoch FROM items i JOIN epochs e ON e.epoch = i.rewarded_epoch
     WHERE i.task_id = $1 AND e.status = 'posted' ORDER BY i.rewarded_epoch`,
    [taskId],
  );
  const files: Zippable = {};
  for (const { epoch } of epochs) files[ledgerPath(epoch)] = strToU8(`${JSON.stringify(await epochLedgerOfTask(ctx, epoch, task), null, 1)}\n`);
  return files;
}
