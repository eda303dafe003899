import type { HubContext } from '../context';
import type { Queryable } from '../db/adapter';
import { badRequest } from '../http/hubError';
import { uploadedBy } from '../media/heldMedia';
import type { CreateTaskBody } from './taskBody';
import { MAX_DEADLINE_AHEAD_MS, MAX_EXAMPLE_BYTES, maxTaskSpend, MIN_DEADLINE_AHEAD_MS } from './taskLimits';

/** The most the task can cost, refused above the hub's cap (tasks/taskLimits.ts says why). */
export function checkBudget(ctx: HubContext, body: CreateTaskBody): bigint {
  const rewardPerItem = BigInt(body.rewardPerItem);
  const reviewerFee = BigInt(body.reviewerFee);
  const { max } = ctx.config.multiplierBounds;
  const spend = maxTaskSpend({ rewardPerItem, reviewerFee, redundancy: body.redundancy, items: body.items.length }, max);
  if (spend > ctx.config.maxTaskBudgetWei) {
    throw badRequest(
      'budget_too_large',
      `this task could cost ${spend} wei (rewardPerItem ${rewardPerItem} × multiplier up to ${max} × redundancy ${body.redundancy} + reviewerFee ${reviewerFee}, × ${body.items.length} items), above this hub's cap of ${ctx.config.maxTaskBudgetWei} wei per task`,
    );
  }
  return spend;
}

/** The deadline as a Date, refused unless it leaves a minute to label and is at most three years away. */
export function checkDeadline(ctx: HubContext, deadline: string | undefined): Date | null {
  if (deadline === undefined) return null;
  const at = Date.parse(deadline);
  const now = ctx.now();
  if (at < now + MIN_DEADLINE_AHEAD_MS) throw badRequest('invalid_deadline', `deadline ${deadline} is not in the future (at least a minute from now, ${new Date(now).toISOString()})`);
  if (at > now + MAX_DEADLINE_AHEAD_MS) throw badRequest('invalid_deadline', `deadline ${deadline} is more than three years away`);
  return new Date(at);
}

/**
 * Example images must be media this requester uploaded (media/heldMedia.ts:
 * their own bytes, not merely a hash one of their tasks lists) and small
 * enough to show: examples are shown to every signed-in account, so listing
 * someone else's hash here would publish their data. Any other hash answers
 * exactly like an absent one (as GET /media does), so the refusal does not
 * confirm the hub holds those bytes.
 */
export async function checkExamples(db: Queryable, requester: string, examples: readonly string[]): Promise<string[]> {
  const unique = [...new Set(examples)];
  if (unique.length !== examples.length) throw badRequest('duplicate_example', 'an example image is listed twice');
  if (unique.length === 0) return [];
  const held = new Map((await uploadedBy(db, requester, unique)).map((r) => [r.sha256, r]));
  for (const sha of unique) {
    const row = held.get(sha);
    if (!row) throw badRequest('unknown_example', `example ${sha}: no media with that hash on this hub (upload it first with PUT /media/${sha})`);
    if (row.size > MAX_EXAMPLE_BYTES) throw badRequest('example_too_large', `example ${sha} is ${row.size} bytes; examples are at most ${MAX_EXAMPLE_BYTES}`);
  }
  return unique;
}

/**
 * A honeypot's known answer is image shapes only (core/hubApi/tasks.ts `honeypots`): on a video item
 * it would judge annotators on single-frame boxes and ignore their tracks, tags and segments, so a
 * honeypot naming a video item is refused before anything is written (400 `video_honeypot`).
 */
export function checkHoneypotItems(body: Pick<CreateTaskBody, 'items' | 'honeypots'>): void {
  const videoIdx = new Map(body.items.flatMap((item, i) => (item.video ? [[item.sha256, i] as const] : [])));
  body.honeypots.forEach((h, i) => {
    const idx = videoIdx.get(h.sha256);
    if (idx === undefined) return;
    throw badRequest(
      'video_honeypot',
      `honeypots[${i}]: items[${idx}] (media ${h.sha256}) is a video; a honeypot's known answer is image shapes only, so honeypots on video items are refused`,
    );
  });
}
