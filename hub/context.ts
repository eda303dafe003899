import type { Db } from './db/adapter';
import type { HubConfig, SlashEvidenceThreshold } from './config';
import type { MediaStore } from './media/mediaStore';
import type { BatchVerifier } from './batches/batchVerifier';
import type { ChainClient } from './epochs/chainClient';
import type { DecisionWait } from './consensus/decisionWait';
import type { JobQueue } from './jobs/jobQueue';
import type { JobSettings } from './jobs/jobSettings';
import type { TierTable } from '../core/reputation/tiers';
import type { StakeReader } from './tiers/stakeReader';
import type { StatisticsKeeper } from './db/keepStatistics';

/** What every route module gets: the database, the resolved config and the hub's services. */
export interface HubContext {
  db: Db;
  config: ResolvedConfig;
  media: MediaStore;
  verifier: BatchVerifier;
  /** The PostgreSQL job queue (pg-boss): consensus, the readiness sweep and scoring run as its jobs (hub/jobs/README.md). */
  jobs: JobQueue;
  jobSettings: JobSettings;
  /** `settled(itemId)` / `settledTask(taskId)`: wait (at most decisionWaitMs) until the ready items read are decided, by any hub process — what a read after an upload needs. */
  consensus: DecisionWait;
  /** Resolves when every decision job queued so far, in any process, has run (tests, tools; never a request path: it waits on every task). */
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
