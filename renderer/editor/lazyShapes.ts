import type { Shape } from '../../core/model/shape';
import type { EditorSnapshot } from './types';

/** A shape list made on first read and then kept (one per shapes version). */
export type LazyShapes = () => readonly Shape[];

export function lazyShapes(load: () => readonly Shape[]): LazyShapes {
  let rows: readonly Shape[] | null = null;
  return () => (rows ??= load());
}

/**
 * The next snapshot: `prev` with `patch`, whose `shapes` array is built only
 * when someone reads it. With 100,000 boxes that array costs milliseconds
 * per edit, and the canvas and the editor never need it (they read the
 * shape index); panels that list every shape still can.
 */
export function nextSnapshot(prev: EditorSnapshot, patch: Partial<EditorSnapshot>, shapes: LazyShapes): EditorSnapshot {
  const next = {} as Record<string, unknown>;
  for (const key of Object.keys(prev)) if (key !== 'shapes') next[key] = (prev as unknown as Record<string, unknown>)[key];
  Object.assign(next, patch);
  Object.defineProperty(next, 'shapes', { get: shapes, enumerable: true, configurable: false });
  return next as unknown as EditorSnapshot;
}
