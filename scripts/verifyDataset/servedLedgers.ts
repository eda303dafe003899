import { epochLedgerRoute, type EpochLedger } from '../../core/hubApi/epochs';
import { parseResponse, requestOf } from '../../core/hubApi/route';
import { joinLedgerPages } from '../../core/verify/checkServedLedgers';

/** `--hub`: each epoch's whole ledger, every page of GET /epochs/:epoch/ledger (public: no sign-in). */
export async function fetchServedLedgers(hubUrl: string, epochs: readonly string[]): Promise<Map<string, EpochLedger>> {
  const ledgers = new Map<string, EpochLedger>();
  for (const epoch of epochs) {
    const pages: EpochLedger[] = [];
    do {
      const { path } = requestOf(epochLedgerRoute, { params: { epoch }, query: { page: pages.length } });
      const res = await fetch(new URL(path, hubUrl));
      if (!res.ok) throw new Error(`GET ${path} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
      pages.push(parseResponse(epochLedgerRoute, await res.json()));
    } while (pages.length < pages[0]!.pages);
    ledgers.set(epoch, joinLedgerPages(pages));
  }
  return ledgers;
}
