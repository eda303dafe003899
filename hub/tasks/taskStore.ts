import { getAddress } from 'ethers';
import { DEFAULT_VIDEO_CONSENSUS_OPTIONS } from '../../core/consensus/video/types';
import type { TaskConsensusOptions } from '../../core/hubApi/tasks';
import { newId } from '../../core/util/ids';
import { taskIdToBytes32 } from '../../core/sync/labelBatch';
import type { HubContext } from '../context';
import type { Queryable } from '../db/adapter';
import { badRequest, notFound } from '../http/hubError';
import { insertHoneypots } from '../reputation/honeypots';
import { addTaskSlots } from './openSlots';
import { checkBudget, checkDeadline, checkExamples, checkHoneypotItems } from './checkTaskTerms';
import type { CreateTaskBody } from './taskBody';

export interface TaskRow {
  id: string;
  task_hash: string;
  requester: string;
  title: string;
  label_schema: unknown;
  redundancy: number;
  reward_per_item: string;
  reward_token: string;
  item_count: number;
  level: number;
  reviewer_fee: string;
  instructions: string;
  examples: string[];
  deadline: Date | string | null;
  /** Video consensus thresholds as the requester gave them (migration 8; `{}` for tasks before it). */
  consensus: TaskConsensusOptions | null;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function taskJson(t: TaskRow) {
  return {
    taskId: t.id,
    task: t.task_hash,
    title: t.title,
    requester: t.requester,
    labelSchema: t.label_schema,
    redundancy: t.redundancy,
    rewardPerItem: t.reward_per_item,
    rewardToken: t.reward_token,
    itemCount: t.item_count,
    level: t.level,
    reviewerFee: t.reviewer_fee,
    /** Markdown for annotators, shown before the first item; the list (GET /tasks) leaves it out (up to 20 kB each). */
    instructions: t.instructions,
    /** Example images: GET /tasks/:taskId/examples/:sha256. */
    examples: t.examples,
    deadline: iso(t.deadline),
    /** Video consensus thresholds: the task's own, the rest core/consensus/video's defaults. */
    consensus: { ...DEFAULT_VIDEO_CONSENSUS_OPTIONS, ...(t.consensus ?? {}) },
  };
}

const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';

/**
 * The ERC-20 a task pays in: any token the requester names (their own included), else the hub's default.
 * Each task's pool on chain holds one token, fixed by its first deposit; a pool in another token than the
 * task's is never allocated (epochs/taskPools.ts `token_mismatch`). The hub never calls the token itself,
 * so a hostile token can only hurt its own task.
 */
function chooseRewardToken(hubToken: string | null, requested: string | undefined): string {
  if (!requested) {
    if (!hubToken) throw badRequest('reward_token_unknown', 'this hub does not know its reward token: pass rewardToken');
    return hubToken;
  }
  let token: string;
  try {
    token = getAddress(requested);
  } catch {
    throw badRequest('invalid_reward_token', `rewardToken ${requested} is not an address (a mixed-case address must carry a valid checksum)`);
  }
  if (token === ZERO_ADDRESS) throw badRequest('invalid_reward_token', 'rewardToken cannot be the zero address: the rewards contract refuses deposits in it');
  return token;
}

export async function createTask(ctx: HubContext, requester: string, body: CreateTaskBody) {
  const rewardToken = chooseRewardToken(ctx.config.token, body.rewardToken);
  const seen = new Set<string>();
  body.items.forEach((item, i) => {
    if (seen.has(item.sha256)) throw badRequest('duplicate_item', `items[${i}]: media ${item.sha256} is listed twice`);
    seen.add(item.sha256);
  });
  // Every number checked before anything is written: the budget, the deadline, the examples, honeypots only on images.
  checkHoneypotItems(body);
  const maxSpend = checkBudget(ctx, body);
  const deadline = checkDeadline(ctx, body.deadline);
  const examples = await checkExamples(ctx.db, requester, body.examples);
  const taskId = newId('task_');
  const task: TaskRow = {
    id: taskId,
    task_hash: taskIdToBytes32(taskId),
    requester,
    title: body.title,
    label_schema: body.labelSchema,
    redundancy: body.redundancy,
    reward_per_item: BigInt(body.rewardPerItem).toString(),
    reward_token: rewardToken,
    item_count: body.items.length,
    level: body.level,
    reviewer_fee: BigInt(body.reviewerFee).toString(),
    instructions: body.instructions,
    examples,
    deadline,
    consensus: body.consensus,
  };
  await ctx.db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO tasks (id, task_hash, requester, title, label_schema, redundancy, reward_per_item, reward_token, item_count, level, reviewer_fee, instructions, examples, deadline, consensus)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $11, $12, $13::text[], $14, $15::jsonb)`,
      [
        task.id,
        task.task_hash,
        task.requester,
        task.title,
        JSON.stringify(task.label_schema),
        task.redundancy,
        task.reward_per_item,
        task.reward_token,
        task.item_count,
        task.level,
        task.reviewer_fee,
        task.instructions,
        task.examples,
        task.deadline,
        JSON.stringify(task.consensus ?? {}),
      ],
    );
    const ids = body.items.map(() => newId('item_'));
    await tx.query(
      `INSERT INTO items (id, task_id, idx, sha256, file_name, width, height, url, video, open_slots)
       SELECT id, $1, idx, sha256, file_name, width, height, url, video::jsonb, $10
       FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::int[], $7::int[], $8::text[], $9::text[]) AS t(id, idx, sha256, file_name, width, height, url, video)`,
      [
        taskId,
        ids,
        body.items.map((_, i) => i),
        body.items.map((i) => i.sha256),
        body.items.map((i) => i.fileName),
        body.items.map((i) => i.width),
        body.items.map((i) => i.height),
        body.items.map((i) => i.url ?? null),
        // A video item's frame count and rate as published (null: an image); batches/storeBatch.ts holds its labels to this frame count.
        body.items.map((i) => (i.video ? JSON.stringify({ frameCount: i.video.frameCount, fps: i.video.fps }) : null)),
        task.redundancy,
      ],
    );
    // Each item takes k annotators; the task's counter of free slots starts at k × items (openSlots.ts).
    await addTaskSlots(tx, taskId, task.redundancy * body.items.length);
    await insertHoneypots(
      tx,
      taskId,
      body.labelSchema.classes.map((c) => c.name),
      body.honeypots,
    );
  });
  ctx.statistics.touched(body.items.length);
  return { ...taskJson(task), maxSpend: maxSpend.toString() };
}

export async function getTask(db: Queryable, taskId: string): Promise<TaskRow> {
  const [row] = await db.query<TaskRow>('SELECT * FROM tasks WHERE id = $1', [taskId]);
  if (!row) throw notFound('unknown_task', `no task "${taskId}"`);
  return row;
}

export async function listTasks(ctx: HubContext) {
  const rows = await ctx.db.query<TaskRow & { open_items: number }>(
    `SELECT t.*, (SELECT count(*)::int FROM items i WHERE i.task_id = t.id AND i.status = 'open') AS open_items FROM tasks t ORDER BY t.created_at, t.id`,
  );
  return rows.map((t) => {
    const { instructions, ...listed } = taskJson(t);
    return { ...listed, hasInstructions: instructions.length > 0, openItems: t.open_items };
  });
}
