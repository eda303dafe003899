import { DEFAULT_TIER_TABLE } from '../../core/reputation';
import { DEFAULTS } from '../../hub/config';
import type { HubContext, ResolvedConfig } from '../../hub/context';
import type { Db } from '../../hub/db/adapter';
import { keepStatistics } from '../../hub/db/keepStatistics';
import { createStakeReader } from '../../hub/tiers/stakeReader';
import type { AssignContext } from '../../hub/tasks/assignWork';

/**
 * What assignWork reads of a hub (tasks/assignWork.ts AssignContext) over a
 * Db the bench opens itself, so the pool can match the concurrency: the
 * hub's defaults for the cap and the tiers, no stake registry (level-0 task),
 * the real statistics keeper. The fields only the baseline's reputation
 * catch-up reads come from the same defaults.
 */
export function benchContext(db: Db): AssignContext & Pick<HubContext, 'config'> {
  const config = {
    maxOpenAssignments: DEFAULTS.maxOpenAssignments,
    tierTable: DEFAULT_TIER_TABLE,
    iouThreshold: DEFAULTS.iouThreshold,
    honeypotWeight: DEFAULTS.honeypotWeight,
    multiplierBounds: DEFAULTS.multiplierBounds,
    slashEvidenceThreshold: DEFAULTS.slashEvidenceThreshold,
  } as ResolvedConfig;
  return { db, config, stake: createStakeReader(undefined, undefined), statistics: keepStatistics(db), now: Date.now };
}
