import { checkTierTable, type TierDefinition, type TierTable } from './tiers';

/** A tier table as JSON carries it (GET /tiers): stake as a decimal string of base units, since JSON has no bigint. */
export interface TierTableJson {
  tokenDecimals: number;
  tiers: (Omit<TierDefinition, 'minStake'> & { minStake: string })[];
}

export function tierTableToJson(table: TierTable): TierTableJson {
  return { tokenDecimals: table.tokenDecimals, tiers: table.tiers.map((t) => ({ ...t, minStake: t.minStake.toString() })) };
}

/** Reads a table sent by a hub; throws naming the first bad field. */
export function tierTableFromJson(json: TierTableJson): TierTable {
  if (!Number.isInteger(json?.tokenDecimals) || json.tokenDecimals < 0) throw new Error(`tier table: tokenDecimals must be a whole number ≥ 0, got ${json?.tokenDecimals}`);
  if (!Array.isArray(json.tiers)) throw new Error('tier table: tiers must be an array');
  const tiers = json.tiers.map((t, i): TierDefinition => {
    if (typeof t.minStake !== 'string' || !/^\d+$/.test(t.minStake)) throw new Error(`tier table: tiers[${i}].minStake must be a decimal string of base units, got ${JSON.stringify(t.minStake)}`);
    if (typeof t.name !== 'string' || typeof t.reviewer !== 'boolean' || !Number.isInteger(t.taskLevel)) throw new Error(`tier table: tiers[${i}] needs name (string), taskLevel (whole number) and reviewer (boolean)`);
    return { tier: t.tier, name: t.name, minLower: t.minLower, minScoredItems: t.minScoredItems, minStake: BigInt(t.minStake), taskLevel: t.taskLevel, reviewer: t.reviewer };
  });
  return checkTierTable({ tokenDecimals: json.tokenDecimals, tiers });
}
