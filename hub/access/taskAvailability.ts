import type { Account } from '../auth/roles';
import { canTakeTask } from '../../core/reputation';
import type { HubContext } from '../context';
import { accountStanding } from '../reputation/standing';

export interface Availability {
  /** Whether the caller's tier takes this task's level (what POST /tasks/:id/assignments enforces with `tier_too_low`). */
  available: boolean;
  /** Why not, with the tier it needs; absent when available. */
  unavailableReason?: string;
  requiredTier?: { tier: number; name: string };
}

/**
 * Marks each task with whether the caller may take work on it, by the same
 * rule as assignment (core `canTakeTask` of the caller's tier, tiers/workGate
 * semantics). Tasks above the caller's level stay listed — the workstation
 * shows what a tier unlocks — but are marked `available: false` with the
 * reason. Reputation (as the scoring job last left it: no catch-up on this
 * path) and stake are read only when some task has a level.
 */
export async function withAvailability<T extends { level: number; taskId: string }>(ctx: HubContext, account: Account, tasks: T[]): Promise<(T & Availability)[]> {
  if (tasks.every((t) => t.level <= 0)) return tasks.map((t) => ({ ...t, available: true }));
  const standing = await accountStanding(ctx, account.address);
  const table = ctx.config.tierTable;
  return tasks.map((t) => {
    if (canTakeTask(standing.tier, t.level, table)) return { ...t, available: true };
    const needed = table.tiers.find((d) => d.taskLevel >= t.level);
    const next = standing.nextTier?.needs.map((n) => n.text).join(', ');
    return {
      ...t,
      available: false,
      requiredTier: needed ? { tier: needed.tier, name: needed.name } : undefined,
      unavailableReason:
        `task ${t.taskId} is level ${t.level}: it needs tier ${needed ? `${needed.tier} (${needed.name})` : 'above every tier of this hub'}; ` +
        `${account.address} is tier ${standing.tier.tier} (${standing.tier.name})${next ? ` — next tier needs: ${next}` : ''}`,
    };
  });
}
