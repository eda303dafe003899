import { displayItemName } from '../../core/hubApi/itemName';
import type { Item } from '../../core/model/item';
import type { GroundworkDb } from '../store/db';

/** A file the download named by its content: `<sha256>` and an extension. */
const HASH_NAMED = /^([0-9a-f]{64})(\.[A-Za-z0-9._-]*)?$/;

/** `3f2a…9c1d`: enough of a hash to tell items apart at a glance. */
export function shortHash(sha256: string): string {
  return `${sha256.slice(0, 4)}…${sha256.slice(-4)}`;
}

/**
 * What an item is called in the item list and the status bar: its display
 * name (a hub item's file name), else its path, except that a file the
 * download named by its hash (a task downloaded before names were kept, or
 * a hub that sent none) shows as a short hash instead of 64 characters.
 */
export function itemDisplayName(item: Pick<Item, 'relPath' | 'displayName'>): string {
  if (item.displayName) return item.displayName;
  const hashed = HASH_NAMED.exec(item.relPath.split('/').pop() ?? '');
  return hashed ? `${shortHash(hashed[1]!)}${hashed[2] ?? ''}` : item.relPath;
}

/**
 * Gives a downloaded task's items their file names (cleaned again: the
 * record may come from any hub), matched by sha256 as the download names
 * files. Items keep their hash-named files; only the shown name changes.
 * Returns how many items were renamed.
 */
export async function nameHubItems(db: GroundworkDb, projectId: string, assigned: readonly { sha256: string; fileName: string }[]): Promise<number> {
  const names = new Map(assigned.map((a) => [a.sha256, displayItemName(a.fileName)]));
  return db.items
    .where('projectId')
    .equals(projectId)
    .filter((item) => {
      const name = names.get(item.sha256);
      return Boolean(name) && item.displayName !== name;
    })
    .modify((item) => {
      item.displayName = names.get(item.sha256);
    });
}
