import type { Db } from './db/adapter';
import type { HubConfig, SlashEvidenceThreshold } from './config';
import type { MediaStore } from './media/mediaStore';
import type { BatchVerifier } from './batches/batchVerifier';
import type { ChainClient } from './epochs/chainClient';
import type { ConsensusQueue } from './consensus/consensusQueue';
import type { TierTable } from '../core/reputation/tiers';
import type { StakeReader } from './tiers/stakeReader';
import type { StatisticsKeeper } from './db/keepStatistics';

/** What every route module gets: the database, the resolved config and the hub's services. */
export interface HubContext {
  db: Db;
  config: ResolvedConfig;
  media: MediaStore;
  verifier: BatchVerifier;
  /** Decides items that reached k submissions, in the background after each batch response. */
  consensus: ConsensusQueue;
  /** Resolves when every queued consensus round has run (tests, epoch close). */
  consensusIdle(): Promise<void>;
  /** Keeps PGlite's planner statistics fresh after bulk writes (it has no autovacuum). */
  statistics: StatisticsKeeper;
  /** Absent when no RPC URL / operator key is configured: epochs then cannot be posted. */
  chain?: ChainClient;
  /** Active stake per account (StakeRegistry over RPC; 0 for everyone when not configured). */
  stake: StakeReader;
  now(): number;
}

export interface ResolvedConfig extends Required<Pick<HubConfig, 'chainId' | 'rewardsContract' | 'requesters' | 'operators'>> {
  token: string | null;
  publicUrl: string;
  /** The SIWE domain: the host[:port] of publicUrl. */
  siweDomain: string;
  sessionTtlMs: number;
  /** Abuse limits per window (hub/access/rateLimits.ts). */
  rateLimit: { windowMs: number; perIp: number; signInPerIp: number; perAccount: number };
  purgeIntervalMs: number;
  maxItemsPerBatch: number;
  maxShapesPerItem: number;
  batchBodyLimit: number;
  mediaBodyLimit: number;
  iouThreshold: number;
  stakeRegistry: string | null;
  tierTable: TierTable;
  multiplierBounds: { min: number; max: number };
  honeypotWeight: number;
  /** Unsubmitted items one annotator may hold per task (tasks/assignWork.ts). */
  maxOpenAssignments: number;
  /** The most one task may ever cost, in wei (tasks/taskLimits.ts). */
  maxTaskBudgetWei: bigint;
  slashEvidenceThreshold: SlashEvidenceThreshold;
}
