import { formConsensus } from '../../core/consensus';
import { loadSubmissions, type StoredSubmission } from '../consensus/loadSubmissions';
import type { StoredVideoConsensus } from '../consensus/storedConsensus';
import { imageSubmissionsOf } from '../consensus/submissionKinds';
import { loadVideoItems } from '../consensus/videoItems';
import type { HubContext } from '../context';
import { videoDispute } from './videoProposal';

interface DisputeRow {
  id: string;
  task_id: string;
  sha256: string;
  file_name: string;
  width: number;
  height: number;
  url: string | null;
  label_schema: unknown;
  reviewer_fee: string;
  consensus: StoredVideoConsensus;
}

/**
 * Disputed items still waiting for a verdict, with every submission and the
 * consensus proposal (labels and clusters, recomputed by core
 * `formConsensus` from the stored submissions: deterministic, so it is what
 * consensus saw). A video item carries its frame count and rate, each
 * submission's video labels and the video proposal as stored
 * (videoProposal.ts); an image item has `video: null`. Items the caller was
 * assigned are never listed: a reviewer never rules on work they did or saw
 * as an annotator.
 */
export async function listDisputes(ctx: HubContext, reviewer: string, opts: { taskId?: string; limit: number }) {
  const rows = await ctx.db.query<DisputeRow>(
    `SELECT i.id, i.task_id, i.sha256, i.file_name, i.width, i.height, i.url, t.label_schema, t.reviewer_fee::text AS reviewer_fee,
       CASE WHEN i.video IS NOT NULL THEN i.consensus END AS consensus
     FROM items i JOIN tasks t ON t.id = i.task_id
     WHERE i.status = 'disputed' AND ($1::text IS NULL OR i.task_id = $1)
       AND NOT EXISTS (SELECT 1 FROM verdicts v WHERE v.item_id = i.id)
       AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = i.id AND a.annotator = $2)
     ORDER BY i.task_id, i.idx LIMIT $3`,
    [opts.taskId ?? null, reviewer, opts.limit],
  );
  const ids = rows.map((r) => r.id);
  const [subs, videoItems] = await Promise.all([loadSubmissions(ctx.db, ids), loadVideoItems(ctx.db, ids)]);
  return rows.map((r) => {
    const own = subs.filter((s) => s.itemId === r.id);
    const video = videoItems.get(r.id);
    const parts = video ? videoDispute(r.id, own, video, r.consensus) : imageDispute(r.id, own, ctx.config.iouThreshold);
    return {
      itemId: r.id,
      taskId: r.task_id,
      sha256: r.sha256,
      fileName: r.file_name,
      width: r.width,
      height: r.height,
      url: r.url,
      ...parts,
      labelSchema: r.label_schema,
      reviewerFee: r.reviewer_fee,
    };
  });
}

function imageDispute(itemId: string, subs: readonly StoredSubmission[], iouThreshold: number) {
  const submissions = imageSubmissionsOf(itemId, subs);
  const proposal = formConsensus(submissions, { iouThreshold });
  return {
    submissions,
    proposal: { labels: proposal.labels, clusters: proposal.clusters, score: proposal.score, annotators: proposal.annotators },
    video: null,
  };
}
