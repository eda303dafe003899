import type { CountKey } from './counts';

/**
 * The raw, integer form of one statistics row, kept so it can be added and
 * subtracted exactly (incremental counters, core/prelabel/projectTally.ts):
 * the fates and missed as counts, and the audit predictions a human decided
 * as counts per audit rate (weights 1/rate are derived on reading, so no
 * floating-point sum ever drifts).
 */
export interface RawCounts {
  accepted: number;
  corrected: number;
  rejected: number;
  pending: number;
  autoAccepted: number;
  missed: number;
  /** By audit rate (as a string): audit predictions a human decided, and how many of them were accepted. */
  audits: Record<string, { n: number; accepted: number }>;
}

export type RawCountKey = Exclude<CountKey, 'items'>;

export const RAW_COUNT_KEYS: readonly RawCountKey[] = ['accepted', 'corrected', 'rejected', 'pending', 'autoAccepted', 'missed'];

export function emptyRaw(): RawCounts {
  return { accepted: 0, corrected: 0, rejected: 0, pending: 0, autoAccepted: 0, missed: 0, audits: {} };
}

export function cloneRaw(r: RawCounts): RawCounts {
  const audits: RawCounts['audits'] = {};
  for (const [rate, a] of Object.entries(r.audits)) audits[rate] = { ...a };
  return { ...r, audits };
}

/** Adds `sign` × `from` into `into` (sign −1 subtracts); audit entries that reach zero are dropped. */
export function addRaw(into: RawCounts, from: RawCounts, sign: 1 | -1): void {
  for (const k of RAW_COUNT_KEYS) into[k] += sign * from[k];
  for (const [rate, a] of Object.entries(from.audits)) addAudit(into, rate, sign * a.n, sign * a.accepted);
}

export function addAudit(into: RawCounts, rate: string, n: number, accepted: number): void {
  const a = (into.audits[rate] ??= { n: 0, accepted: 0 });
  a.n += n;
  a.accepted += accepted;
  if (a.n === 0 && a.accepted === 0) delete into.audits[rate];
}

/** True when the row counted something (a row is "touched" on an item exactly when it did). */
export function isEmptyRaw(r: RawCounts): boolean {
  return RAW_COUNT_KEYS.every((k) => r[k] === 0) && Object.keys(r.audits).length === 0;
}

/** Keys of the statistics rows: the project, a model, a class, a model's class. */
export const rowKey = {
  project: 'p',
  model: (modelId: string) => `m\u0000${modelId}`,
  cls: (classId: string) => `c\u0000${classId}`,
  modelClass: (modelId: string, classId: string) => `mc\u0000${modelId}\u0000${classId}`,
};

export type ParsedRowKey = { kind: 'project' } | { kind: 'model'; modelId: string } | { kind: 'class'; classId: string } | { kind: 'modelClass'; modelId: string; classId: string };

export function parseRowKey(key: string): ParsedRowKey {
  const [kind, a, b] = key.split('\u0000');
  if (kind === 'p') return { kind: 'project' };
  if (kind === 'm' && a !== undefined) return { kind: 'model', modelId: a };
  if (kind === 'c' && a !== undefined) return { kind: 'class', classId: a };
  if (kind === 'mc' && a !== undefined && b !== undefined) return { kind: 'modelClass', modelId: a, classId: b };
  throw new Error(`pre-label counts: "${key.replace(/\u0000/g, '|')}" is not a statistics row key`);
}
