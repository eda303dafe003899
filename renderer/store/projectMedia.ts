import type { IntakeReport } from '../../electron/common/services/intake';
import type { ItemRecord } from './records';

export type MediaKind = 'image' | 'video';

/** What a project holds: video if its items are videos, image otherwise (an empty project takes what it is given first). */
export function projectKind(items: readonly Pick<ItemRecord, 'kind'>[]): MediaKind | null {
  if (items.length === 0) return null;
  return items.some((i) => i.kind === 'video') ? 'video' : 'image';
}

/**
 * Where a scanned folder sits inside the project's folder, as a relPath prefix
 * ('' for the folder itself, 'more/' for a subfolder). Items are addressed
 * relative to the project's one media root, so a folder outside it cannot be
 * added (null). Both paths are the host's real paths; either separator.
 */
export function prefixInside(projectRoot: string, folder: string): string | null {
  const norm = (p: string) => p.replace(/\\/g, '/').replace(/\/+$/, '');
  const root = norm(projectRoot);
  const sub = norm(folder);
  if (sub === root) return '';
  return sub.startsWith(`${root}/`) ? `${sub.slice(root.length + 1)}/` : null;
}

export interface MediaAddition {
  /** Intake rows to add, relPaths made relative to the project's folder. */
  rows: IntakeReport['accepted'];
  /** Same content (sha256) as an item of the project or an earlier file of this scan. */
  duplicates: number;
  /** Files of the other kind (videos for an image project and the reverse), left out. */
  otherKind: number;
}

/** Which scanned files join the project: its own kind only, and never a second copy of the same bytes. */
export function planMediaAddition(kind: MediaKind, existing: readonly Pick<ItemRecord, 'sha256' | 'relPath'>[], report: IntakeReport, prefix: string): MediaAddition {
  const seen = new Set(existing.map((i) => i.sha256));
  const paths = new Set(existing.map((i) => i.relPath));
  const plan: MediaAddition = { rows: [], duplicates: 0, otherKind: 0 };
  for (const row of report.accepted) {
    if ((row.kind ?? 'image') !== kind) {
      plan.otherKind++;
      continue;
    }
    const relPath = prefix + row.relPath;
    if (seen.has(row.sha256) || paths.has(relPath)) {
      plan.duplicates++;
      continue;
    }
    seen.add(row.sha256);
    paths.add(relPath);
    plan.rows.push({ ...row, relPath });
  }
  return plan;
}
