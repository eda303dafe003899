import type { ItemStatus } from '../model/item';
import type { Shape } from '../model/shape';
import { isHumanDrawn, latestRuns, reviewPredictions } from './reviewState';
import type { PrelabelRun } from './types';

/**
 * How often a model was right, counted over each item's latest successful run
 * (rules in reviewState.ts):
 * - accepted / corrected / rejected / pending: predictions by fate;
 * - missed: human-drawn boxes on items that have a run — objects the model
 *   did not find (counted for the model of the item's latest run);
 * - verificationRate = accepted / (accepted + corrected + rejected), null
 *   before anything was reviewed.
 */
export interface PrelabelCounts {
  accepted: number;
  corrected: number;
  rejected: number;
  missed: number;
  pending: number;
  /** Items with a run that counts. */
  items: number;
  verificationRate: number | null;
}

export interface PrelabelStats {
  project: PrelabelCounts;
  byModel: Map<string, PrelabelCounts>;
}

export interface StatsInput {
  runs: Iterable<PrelabelRun>;
  items: Iterable<{ id: string; status: ItemStatus }>;
  shapesByItem: ReadonlyMap<string, readonly Shape[]>;
}

export function emptyCounts(): PrelabelCounts {
  return { accepted: 0, corrected: 0, rejected: 0, missed: 0, pending: 0, items: 0, verificationRate: null };
}

export function verificationRate(c: Pick<PrelabelCounts, 'accepted' | 'corrected' | 'rejected'>): number | null {
  const reviewed = c.accepted + c.corrected + c.rejected;
  return reviewed === 0 ? null : c.accepted / reviewed;
}

export function computePrelabelStats(input: StatsInput): PrelabelStats {
  const latest = latestRuns(input.runs);
  const project = emptyCounts();
  const byModel = new Map<string, PrelabelCounts>();
  for (const item of input.items) {
    const run = latest.get(item.id);
    if (!run) continue;
    let model = byModel.get(run.modelId);
    if (!model) byModel.set(run.modelId, (model = emptyCounts()));
    const shapes = input.shapesByItem.get(item.id) ?? [];
    const add = (key: 'accepted' | 'corrected' | 'rejected' | 'missed' | 'pending' | 'items', n = 1) => {
      project[key] += n;
      model[key] += n;
    };
    add('items');
    for (const { fate } of reviewPredictions(run, shapes, item.status)) {
      if (fate === 'accepted' || fate === 'corrected' || fate === 'rejected' || fate === 'pending') add(fate);
    }
    add('missed', shapes.filter(isHumanDrawn).length);
  }
  project.verificationRate = verificationRate(project);
  for (const c of byModel.values()) c.verificationRate = verificationRate(c);
  return { project, byModel };
}
