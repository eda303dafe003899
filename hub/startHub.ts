import { closeApp } from './http/closeApp';
import { getAddress } from 'ethers';
import { groundworkDomain } from '../core/sync/eip712';
import { SYNC_LIMITS } from '../core/sync/wireSchemas';
import { createBatchVerifier, defaultVerifyWorkers } from './batches/batchVerifier';
import { fastKeccakReady } from './batches/fastKeccak';
import { DEFAULTS, type HubConfig } from './config';
import type { HubContext, ResolvedConfig } from './context';
import { keepStatistics } from './db/keepStatistics';
import { openDb } from './db/openDb';
import { createDecisionWait } from './consensus/decisionWait';
import { hubJobHandlers } from './jobs/hubJobs';
import { QUEUES, startJobQueue, type JobQueue } from './jobs/jobQueue';
import { JOB_DEFAULTS, type JobSettings } from './jobs/jobSettings';
import { connectChain } from './epochs/chainClient';
import { closeEpoch, type EpochResult } from './epochs/closeEpoch';
import { buildApp } from './http/buildApp';
import { startPurging } from './auth/purgeExpired';
import { openConfiguredMediaStore } from './media/configuredMediaStore';
import type { MediaStore } from './media/mediaStore';
import { checkTierTable, DEFAULT_TIER_TABLE } from '../core/reputation/tiers';
import { createStakeReader } from './tiers/stakeReader';
import { parseBudgetCap } from './tasks/taskLimits';

/** The longest a start waits for the decision jobs already queued (README, "Reads"); reads wait for their own items after that. */
const START_WAIT_MS = 60_000;

export interface RunningHub {
  url: string;
  /** Closes an epoch directly (what POST /epochs/close and `npm run hub -- close-epoch` do). */
  closeEpoch(): Promise<EpochResult>;
  context: HubContext;
  close(): Promise<void>;
}

function resolve(config: HubConfig, listenUrl: string, token: string | null): ResolvedConfig {
  const publicUrl = config.publicUrl ?? listenUrl;
  return {
    chainId: config.chainId,
    rewardsContract: getAddress(config.rewardsContract),
    token,
    requesters: config.requesters.map((a) => getAddress(a)),
    operators: config.operators.map((a) => getAddress(a)),
    publicUrl,
    siweDomain: new URL(publicUrl).host,
    sessionTtlMs: config.sessionTtlMs ?? DEFAULTS.sessionTtlMs,
    rateLimit: { ...DEFAULTS.rateLimit, ...config.rateLimit },
    purgeIntervalMs: config.purgeIntervalMs ?? DEFAULTS.purgeIntervalMs,
    maxItemsPerBatch: Math.min(config.maxItemsPerBatch ?? DEFAULTS.maxItemsPerBatch, SYNC_LIMITS.maxItemsPerBatch),
    maxShapesPerItem: Math.min(config.maxShapesPerItem ?? DEFAULTS.maxShapesPerItem, SYNC_LIMITS.maxShapesPerItem),
    batchBodyLimit: config.batchBodyLimit ?? DEFAULTS.batchBodyLimit,
    mediaBodyLimit: config.mediaBodyLimit ?? DEFAULTS.mediaBodyLimit,
    iouThreshold: config.iouThreshold ?? DEFAULTS.iouThreshold,
    stakeRegistry: config.stakeRegistry ? getAddress(config.stakeRegistry) : null,
    tierTable: checkTierTable(config.tierTable ?? DEFAULT_TIER_TABLE),
    multiplierBounds: config.multiplierBounds ?? DEFAULTS.multiplierBounds,
    honeypotWeight: config.honeypotWeight ?? DEFAULTS.honeypotWeight,
    maxOpenAssignments: config.maxOpenAssignments ?? DEFAULTS.maxOpenAssignments,
    maxTaskBudgetWei: parseBudgetCap(config.maxTaskBudgetWei),
    slashEvidenceThreshold: config.slashEvidenceThreshold ?? DEFAULTS.slashEvidenceThreshold,
  };
}

/**
 * Opens storage (migrating it), connects the chain if configured, and
 * listens. The whole hub in one call, for `npm run hub`, tests and the
 * workstation's local network.
 */
export async function startHub(config: HubConfig, opts: { jobs?: Partial<JobSettings> } = {}): Promise<RunningHub> {
  const db = await openDb({ databaseUrl: config.databaseUrl, dbPool: config.dbPool, dataDir: config.dataDir });
  const chain = config.rpcUrl && config.operatorKey ? connectChain(config.rpcUrl, config.operatorKey, config.rewardsContract) : undefined;
  const verifier = createBatchVerifier({
    domain: groundworkDomain({ chainId: config.chainId, verifyingContract: getAddress(config.rewardsContract) }),
    limits: {
      maxItemsPerBatch: Math.min(config.maxItemsPerBatch ?? DEFAULTS.maxItemsPerBatch, SYNC_LIMITS.maxItemsPerBatch),
      maxShapesPerItem: Math.min(config.maxShapesPerItem ?? DEFAULTS.maxShapesPerItem, SYNC_LIMITS.maxShapesPerItem),
    },
    workers: config.verifyWorkers ?? defaultVerifyWorkers(),
  });
  let jobs: JobQueue | undefined;
  let media: MediaStore | undefined;
  try {
    const token = config.token ? getAddress(config.token) : chain ? await chain.token() : null;
    // Object storage when HUB_S3_* configure it (every replica sees every upload), else the local folder.
    media = await openConfiguredMediaStore(config);
    const ctx = {
      db,
      chain,
      verifier,
      media,
      now: config.now ?? Date.now,
      stake: createStakeReader(config.rpcUrl, config.stakeRegistry),
      // Filled in once the port is known (the SIWE domain is the listening host unless publicUrl says otherwise).
      config: resolve(config, 'http://127.0.0.1', token),
      // The services below are filled in one by one: each needs the context itself.
    } as Partial<HubContext> as HubContext;
    ctx.statistics = keepStatistics(db);
    // From the config (configFromEnv reads HUB_JOB_* …), then the caller's own (tests); nothing read behind the config's back.
    ctx.jobSettings = { ...JOB_DEFAULTS, ...config.jobs, ...opts.jobs };
    jobs = ctx.jobs = await startJobQueue(db, ctx.jobSettings, hubJobHandlers(ctx), (e) => console.error(`hub jobs: ${e.message}`));
    const queue = jobs;
    ctx.consensus = createDecisionWait(db, { maxWaitMs: ctx.jobSettings.decisionWaitMs, wake: queue.wake, stopped: () => queue.stopped });
    ctx.consensusIdle = () => queue.idle();
    await fastKeccakReady();
    const app = buildApp(ctx);
    const url = await app.listen({ host: config.host ?? DEFAULTS.host, port: config.port ?? 0 });
    ctx.config = resolve(config, url, token);
    // Whatever a stop or a failed job left: every ready item is decided, then reputations catch up (README: nothing lost).
    await ctx.jobs.retryFailed();
    await ctx.jobs.send(QUEUES.sweep, {}, 'start');
    await ctx.jobs.send(QUEUES.score, {}, 'all');
    // A process without workers leaves them to the others (waiting here would hang a lone one). Bounded: a job a
    // dead process left active holds idle() until pg-boss expires it, and this start's own sweep decides its items anyway.
    if (ctx.jobSettings.work) await ctx.jobs.idle({ maxWaitMs: START_WAIT_MS });
    const stopPurging = startPurging(ctx, ctx.config.purgeIntervalMs);
    return {
      url,
      context: ctx,
      closeEpoch: () => closeEpoch(ctx),
      async close() {
        // Before app.close(), which waits for in-flight requests: their decision waits return now instead of running out.
        ctx.jobs.stopWaiting();
        await stopPurging();
        await closeApp(app);
        await ctx.jobs.close();
        await ctx.statistics.close();
        await verifier.close();
        chain?.close();
        ctx.stake.close();
        await ctx.media.close();
        await db.close();
      },
    };
  } catch (e) {
    await jobs?.close();
    await media?.close();
    await verifier.close();
    chain?.close();
    await db.close();
    throw e;
  }
}
