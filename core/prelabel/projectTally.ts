import type { LabelSchema } from '../model/labelSchema';
import type { Shape } from '../model/shape';
import { classIdByModelName } from './classMapping';
import { EMPTY_ITEM_SUMMARY, summarizeItem, type ItemPrelabelSummary } from './itemTally';
import { runsByItem } from './reviewState';
import { addRaw, emptyRaw, isEmptyRaw, rowKey, type RawCounts } from './tallyRows';
import type { PrelabelRun } from './types';

/** A statistics row of the project: raw counts plus how many items touch it. */
export type TotalRow = RawCounts & { items: number };

/**
 * A project's pre-label statistics as counters: the sum of its items'
 * contributions (itemTally.ts), kept up to date item change by item change,
 * so the panel reads one row instead of every shape. `items` of a row is the
 * number of items that touch it. The class scopes ("missed" counts hand-drawn
 * boxes of classes a model maps to, modelClassScope.ts) are project-wide, so
 * the totals keep what they are made of and the scopes they were counted with.
 */
export interface ProjectPrelabelTotals {
  /** Per model, over all its run records: its class names (`modelClasses`) and the project classes it predicted. */
  scopeSources: Record<string, { names: string[]; classIds: string[] }>;
  /** Per model: the project classes it maps to, as counted in `rows`. */
  scopes: Record<string, string[]>;
  rows: Record<string, TotalRow>;
}

export function emptyTotals(): ProjectPrelabelTotals {
  return { scopeSources: {}, scopes: {}, rows: {} };
}

/**
 * The rows one item adds: its prediction rows, "missed" from its hand-drawn
 * boxes (per class once for the project and the class if any of its models
 * maps the class, and for every such model), and the project and model rows,
 * which its runs touch even when nothing else counted.
 */
export function itemContribution(summary: ItemPrelabelSummary, scopes: ProjectPrelabelTotals['scopes']): Map<string, RawCounts> {
  const out = new Map<string, RawCounts>();
  if (summary.models.length === 0) return out;
  const row = (key: string) => {
    let r = out.get(key);
    if (!r) out.set(key, (r = emptyRaw()));
    return r;
  };
  row(rowKey.project);
  for (const m of summary.models) row(rowKey.model(m));
  for (const [key, counts] of Object.entries(summary.predictions)) addRaw(row(key), counts, 1);
  for (const [classId, n] of Object.entries(summary.human)) {
    const blamed = summary.models.filter((m) => scopes[m]?.includes(classId));
    if (blamed.length === 0) continue;
    for (const key of [rowKey.project, rowKey.cls(classId), ...blamed.flatMap((m) => [rowKey.model(m), rowKey.modelClass(m, classId)])]) row(key).missed += n;
  }
  return out;
}

/** Replaces one item's contribution: `before` (what the totals hold for it) by `after`. */
export function moveItem(totals: ProjectPrelabelTotals, before: ItemPrelabelSummary, after: ItemPrelabelSummary): void {
  applyContribution(totals, itemContribution(before, totals.scopes), -1);
  applyContribution(totals, itemContribution(after, totals.scopes), 1);
}

function applyContribution(totals: ProjectPrelabelTotals, contribution: Map<string, RawCounts>, sign: 1 | -1): void {
  for (const [key, counts] of contribution) {
    const t = (totals.rows[key] ??= { ...emptyRaw(), items: 0 });
    addRaw(t, counts, sign);
    t.items += sign;
    if (t.items === 0 && isEmptyRaw(t)) delete totals.rows[key];
  }
}

/** Adds a run's class names and predicted classes to its model's scope sources; true when they grew. */
export function addRunToSources(totals: ProjectPrelabelTotals, run: PrelabelRun): boolean {
  const had = totals.scopeSources[run.modelId];
  const names = new Set(had?.names ?? []);
  const classIds = new Set(had?.classIds ?? []);
  const size = names.size + classIds.size;
  for (const n of run.modelClasses ?? []) names.add(n);
  for (const p of run.predictions) if (p.classId !== null) classIds.add(p.classId);
  if (had && names.size + classIds.size === size) return false;
  totals.scopeSources[run.modelId] = { names: [...names].sort(), classIds: [...classIds].sort() };
  return true;
}

/**
 * The project classes each model can predict, so "missed" never blames a text
 * detector for a hand-drawn cat: the model's class names (as its run records
 * list them) mapped to project classes by name, plus the classes it did
 * predict. Records without the names leave only the latter — an undercount
 * for classes it never proposed, never an overcount.
 */
export function scopesOf(schema: LabelSchema, sources: ProjectPrelabelTotals['scopeSources']): ProjectPrelabelTotals['scopes'] {
  const classOf = classIdByModelName(schema);
  const out: ProjectPrelabelTotals['scopes'] = {};
  for (const [modelId, s] of Object.entries(sources).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const ids = new Set(s.classIds);
    for (const name of s.names) {
      const id = classOf(name);
      if (id !== null) ids.add(id);
    }
    out[modelId] = [...ids].sort();
  }
  return out;
}

/** Models whose scope under `schema` differs from the one the totals were counted with. */
export function rescopedModels(totals: ProjectPrelabelTotals, schema: LabelSchema): string[] {
  const next = scopesOf(schema, totals.scopeSources);
  const models = new Set([...Object.keys(next), ...Object.keys(totals.scopes)]);
  return [...models].filter((m) => (next[m] ?? []).join('\u0000') !== (totals.scopes[m] ?? []).join('\u0000'));
}

/**
 * Recounts under the scopes `schema` gives now. `summaries` must hold every
 * item that has one of the `rescopedModels` (as the totals count it); only
 * their "missed" can change.
 */
export function rescope(totals: ProjectPrelabelTotals, schema: LabelSchema, summaries: Iterable<ItemPrelabelSummary>): void {
  const next = scopesOf(schema, totals.scopeSources);
  const list = [...summaries];
  for (const s of list) applyContribution(totals, itemContribution(s, totals.scopes), -1);
  totals.scopes = next;
  for (const s of list) applyContribution(totals, itemContribution(s, totals.scopes), 1);
}

export interface RecountInput {
  schema: LabelSchema;
  runs: Iterable<PrelabelRun>;
  items: Iterable<{ id: string }>;
  shapesByItem: ReadonlyMap<string, readonly Shape[]>;
}

/** The totals and every item's summary from the records themselves: the repair, and what the counters are tested against. */
export function recountTotals(input: RecountInput): { totals: ProjectPrelabelTotals; summaries: Map<string, ItemPrelabelSummary> } {
  const runs = [...input.runs];
  const totals = emptyTotals();
  for (const run of runs) addRunToSources(totals, run);
  totals.scopes = scopesOf(input.schema, totals.scopeSources);
  const byItem = runsByItem(runs);
  const summaries = new Map<string, ItemPrelabelSummary>();
  for (const item of input.items) {
    const itemRuns = byItem.get(item.id);
    const summary = itemRuns ? summarizeItem(itemRuns, input.shapesByItem.get(item.id) ?? []) : EMPTY_ITEM_SUMMARY;
    summaries.set(item.id, summary);
    moveItem(totals, EMPTY_ITEM_SUMMARY, summary);
  }
  return { totals, summaries };
}
