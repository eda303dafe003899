import type { EpochLedger } from '../hubApi/epochs';
import { checksumAddress } from '../sync/address';
import type { Report } from './problems';

const leafKey = (task: string, account: string) => `${task.toLowerCase()}:${checksumAddress(account)}`;

/** Every page of one epoch's ledger as the hub served them, in one document (pages = 1). */
export function joinLedgerPages(pages: readonly EpochLedger[]): EpochLedger {
  const first = pages[0];
  if (!first) throw new Error('no ledger page to join');
  pages.forEach((p, i) => {
    if (p.page !== i || p.pages !== pages.length || p.epoch !== first.epoch || p.root !== first.root) throw new Error(`epoch ${first.epoch}: page ${i} of ${pages.length} is page ${p.page} of ${p.pages} of epoch ${p.epoch}`);
  });
  const leaves = pages.flatMap((p) => p.leaves);
  const items = pages.flatMap((p) => p.items);
  return { ...first, page: 0, pages: 1, pageSize: Math.max(1, leaves.length, items.length), leaves, items };
}

/**
 * The hub's whole ledger of an epoch (`--hub`) against the export's copy: the same root and
 * leaves, the same items of the export's task, and every leaf of every task = its `previous`
 * + the epoch's payouts to it, which the export's copy (one task's items) cannot show.
 */
export function checkServedLedger(served: EpochLedger, exported: EpochLedger, task: string, report: Report): void {
  const e = `epoch ${served.epoch} (served by the hub)`;
  if (served.root !== exported.root) report(null, 'ledger', `${e}: root ${served.root}, the export's ledger says ${exported.root}`);
  if (JSON.stringify(served.leaves) !== JSON.stringify(exported.leaves)) report(null, 'ledger', `${e}: its ${served.leaves.length} leaves differ from the export's ${exported.leaves.length}`);
  const mine = (l: EpochLedger) => JSON.stringify(l.items.filter((i) => i.task.toLowerCase() === task.toLowerCase()));
  if (mine(served) !== mine(exported)) report(null, 'ledger', `${e}: the task's items and payouts differ from the export's ledger`);
  const paid = new Map<string, bigint>();
  for (const item of served.items) for (const p of item.payouts) paid.set(leafKey(item.task, p.account), (paid.get(leafKey(item.task, p.account)) ?? 0n) + BigInt(p.amount));
  for (const leaf of served.leaves) {
    const key = leafKey(leaf.task, leaf.account);
    const sum = BigInt(leaf.previous) + (paid.get(key) ?? 0n);
    if (sum !== BigInt(leaf.cumulative)) report(null, 'ledger', `${e}, leaf (${leaf.task}, ${checksumAddress(leaf.account)}): cumulative ${leaf.cumulative}, but ${leaf.previous} before plus this epoch's payouts is ${sum}`);
    paid.delete(key);
  }
  for (const key of paid.keys()) report(null, 'ledger', `${e}: items pay ${key.replace(':', ', ')}, which has no leaf`);
}
