import type { Item } from '../../core/model/item';
import type { AssignedItem } from '../../electron/common/services/hubService';
import type { GroundworkDb } from '../store/db';

/**
 * Whether an assigned item can be labeled and signed as the hub describes it.
 * The hub's `video.frameCount` is a claim: the frame count that is signed is
 * the one this workstation's own probe found in the downloaded file, and the
 * hub refuses labels whose count differs from its own. So a file whose probe
 * disagrees with the hub (another count, or not a video at all) cannot be
 * submitted: labeling it would be work the hub can never accept, and signing
 * the hub's count would claim frames the file does not have.
 * Returns why not, in words for the annotator, or null when it matches.
 */
export function frameCountProblem(assigned: Pick<AssignedItem, 'fileName' | 'video'>, local: Pick<Item, 'kind' | 'video'> | undefined): string | null {
  const name = assigned.fileName || 'this item';
  if (!local) return assigned.video ? `${name}: the hub lists a video of ${assigned.video.frameCount} frames, but no downloaded file of it could be opened` : null;
  const hub = assigned.video ?? null;
  if (hub && local.kind !== 'video') return `${name}: the hub lists a video of ${hub.frameCount} frames, but the downloaded file is an image here; it cannot be labeled as a video for this task`;
  if (!hub && local.kind === 'video') return `${name}: the hub lists an image, but the downloaded file is a video (${local.video?.frameCount ?? '?'} frames); ask the requester to publish it again as a video`;
  if (hub && local.video?.frameCount !== hub.frameCount) {
    return `${name}: the hub says this video has ${hub.frameCount} frames, but this workstation's probe of the downloaded file finds ${local.video?.frameCount ?? 'none'}; it cannot be submitted (the signed frame count must be the file's own) — tell the requester`;
  }
  return null;
}

/** Every assigned item whose downloaded file does not match what the hub says of it (frameCountProblem), by hub item id. */
export async function downloadedItemProblems(db: GroundworkDb, projectId: string, assigned: readonly AssignedItem[]): Promise<Record<string, string>> {
  const local = new Map((await db.items.where('projectId').equals(projectId).toArray()).map((i) => [i.sha256, i]));
  const problems: Record<string, string> = {};
  for (const item of assigned) {
    const problem = frameCountProblem(item, local.get(item.sha256));
    if (problem) problems[item.itemId] = problem;
  }
  return problems;
}
