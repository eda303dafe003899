import { z } from 'zod';
import { authMeRoute } from '../../../core/hubApi/auth';
import { listTasksRoute, taskProgressRoute } from '../../../core/hubApi/tasks';
import { MyTasksSchema, RequesterTaskSchema, TaskProgressSchema, type MyTasks, type TaskDashboard } from '../../common/services/requesterService';
import type { ChainAccess } from '../chain/chainAccess';
import type { HubClient } from '../hub/hubClient';
import { HubRequestError, normalizeHubUrl } from '../hub/hubHttp';
import { readChainPool } from './dashboardChainPool';

/**
 * The route's answer (already checked by core/hubApi's definition) checked again by the contract's schema,
 * which names every field the dashboard shows; a hub that leaves one out is named with the first missing field.
 */
function parsed<T extends z.ZodType>(schema: T, value: unknown, where: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new HubRequestError({ kind: 'network', code: 'bad_response', reason: `${where} answered an unexpected body: ${issue.path.join('.') || 'body'}: ${issue.message}` });
}

/**
 * The requester's reads: which tasks on a hub are this wallet's, and one
 * task's progress with its pool read from the chain. Both sign in first when
 * needed (the hub's `task.owner` rule answers 403 `not_your_task` to anyone
 * but the task's requester and operators).
 */
export function createDashboardReads(client: HubClient, chains: ChainAccess) {
  async function myTasks(rawUrl: string): Promise<MyTasks> {
    const hubUrl = normalizeHubUrl(rawUrl);
    const me = await client.call(hubUrl, authMeRoute);
    const listed = await client.call(hubUrl, listTasksRoute);
    const mine = listed.tasks.filter((t) => t.requester.toLowerCase() === me.address.toLowerCase());
    return MyTasksSchema.parse({
      hubUrl,
      account: me.address,
      isRequester: me.roles.includes('requester'),
      tasks: mine.map((t, i) => parsed(RequesterTaskSchema, t, `${hubUrl}/tasks[${i}]`)),
    });
  }

  async function taskProgress(rawUrl: string, taskId: string): Promise<TaskDashboard> {
    const hubUrl = normalizeHubUrl(rawUrl);
    const where = `${hubUrl}/tasks/${taskId}/progress`;
    const progress = parsed(TaskProgressSchema, await client.call(hubUrl, taskProgressRoute, { params: { taskId } }), where);
    // The chain is read only for a task the hub showed this wallet; a chain that cannot be read leaves the rest.
    let chain: TaskDashboard['chain'] = null;
    let chainError: string | null = null;
    try {
      chain = await readChainPool(chains, hubUrl, taskId);
    } catch (error) {
      chainError = error instanceof Error ? error.message : String(error);
    }
    return { hubUrl, progress, chain, chainError, readAt: new Date().toISOString() };
  }

  return { myTasks, taskProgress };
}
