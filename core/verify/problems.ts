/** One thing that does not check out, named by item (null: the export as a whole) and by check. */
export interface Problem {
  itemId: string | null;
  check: 'files' | 'manifest' | 'lineage' | 'labels' | 'signature' | 'proof' | 'consensus' | 'verdict' | 'dataset' | 'ledger' | 'chain';
  message: string;
}

export type Report = (itemId: string | null, check: Problem['check'], message: string) => void;

/** Collects problems; `report` is what the checks call. */
export function problemList(): { problems: Problem[]; report: Report } {
  const problems: Problem[] = [];
  return { problems, report: (itemId, check, message) => problems.push({ itemId, check, message }) };
}
