import type { Shape } from '../../../core/model/shape';
import type { ShapeChange } from '../types';

/** The shapes after `change`: puts replace by id (or append, keeping draw order), removes drop. New array identity. */
export function applyChange(shapes: readonly Shape[], change: ShapeChange): Shape[] {
  const removed = new Set(change.remove);
  const puts = new Map(change.put.map((s) => [s.id, s]));
  const out: Shape[] = [];
  for (const s of shapes) {
    if (removed.has(s.id)) continue;
    const next = puts.get(s.id);
    out.push(next ?? s);
    if (next) puts.delete(s.id);
  }
  for (const s of puts.values()) if (!removed.has(s.id)) out.push(s);
  return out;
}

/** The change that takes `after` back to `before` for the shapes `change` touches. */
export function invertChange(before: ReadonlyMap<string, Shape>, change: ShapeChange): ShapeChange {
  const put: Shape[] = [];
  const remove: string[] = [];
  const touched = new Set<string>();
  for (const s of change.put) {
    touched.add(s.id);
    const old = before.get(s.id);
    if (old) put.push(old);
    else remove.push(s.id);
  }
  for (const id of change.remove) {
    if (touched.has(id)) continue;
    const old = before.get(id);
    if (old) put.push(old);
  }
  return { put, remove };
}

/**
 * Undo and redo are edits too: restored shapes get a fresh version and time,
 * so sync and merges never mistake an undone state for a stale write.
 */
export function restampChange(change: ShapeChange, current: ReadonlyMap<string, Shape>, now: number): ShapeChange {
  return {
    put: change.put.map((s) => ({ ...s, version: Math.max(s.version, current.get(s.id)?.version ?? 0) + 1, updatedAt: now })),
    remove: change.remove,
  };
}

export function byId(shapes: readonly Shape[]): Map<string, Shape> {
  return new Map(shapes.map((s) => [s.id, s]));
}

export function isEmptyChange(change: ShapeChange): boolean {
  return change.put.length === 0 && change.remove.length === 0;
}
