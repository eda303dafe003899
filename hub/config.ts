import { getAddress } from 'ethers';
import type { TierTable } from '../core/reputation/tiers';
import { jobSettingsFromEnv, type JobSettings } from './jobs/jobSettings';

/** Everything the hub needs to run; `configFromEnv` builds it for `npm run hub`. */
export interface HubConfig {
  host?: string;
  /** 0 = a free port. */
  port?: number;
  /** PGlite data directory (default: in memory). */
  dataDir?: string;
  /** A real PostgreSQL server; wins over dataDir. */
  databaseUrl?: string;
  /** Connections this process keeps to `databaseUrl`, shared with the job queue (default 4; hub/README.md, "Connections"). */
  dbPool?: number;
  /** Where uploaded media lives (default: <dataDir>/media, or a temp dir). */
  mediaDir?: string;
  /** Media in S3-compatible object storage instead of `mediaDir`: every replica sees every upload (media/README.md). */
  mediaS3?: S3MediaSettings;
  chainId: number;
  /** The RewardsDistributor: EIP-712 verifyingContract, the contract roots are posted to and task pools live in. */
  rewardsContract: string;
  /** The network's default reward token (the distributor's `token()`); read from the contract when omitted and an RPC URL is set. A task is only rewarded from a pool in its own reward token. */
  token?: string;
  rpcUrl?: string;
  /** Private key that holds OPERATOR_ROLE on the distributor. */
  operatorKey?: string;
  requesters: string[];
  operators: string[];
  /** The URL annotators reach the hub at; its host is the SIWE domain. Default: the listening URL. */
  publicUrl?: string;
  sessionTtlMs?: number;
  /** Signed-batch limits. */
  maxItemsPerBatch?: number;
  maxShapesPerItem?: number;
  batchBodyLimit?: number;
  mediaBodyLimit?: number;
  /** Consensus: IoU threshold for matching shapes (default 0.5). */
  iouThreshold?: number;
  /** Worker threads that verify batch signatures and roots (default: 1; 0 = main thread). */
  verifyWorkers?: number;
  /** StakeRegistry whose ACTIVE stake counts for tiers (read over rpcUrl); without it every stake reads 0. */
  stakeRegistry?: string;
  /** Tiers: reputation and stake → task level and reviewer role (default core DEFAULT_TIER_TABLE). */
  tierTable?: TierTable;
  /** Reward multiplier bounds (default 0.5 … 1.5). */
  multiplierBounds?: { min: number; max: number };
  /** How much one honeypot item counts in reputation, against 1 for an item scored by final labels (default 2). */
  honeypotWeight?: number;
  /** Unsubmitted items one annotator may hold per task; new items stop there (default 50): a burst of requests cannot grab a large share of the pool. */
  maxOpenAssignments?: number;
  /** The most one task may ever cost, in wei as a decimal string (default 10^27; env MAX_TASK_BUDGET_WEI; see tasks/taskLimits.ts). */
  maxTaskBudgetWei?: string;
  /** Evidence counts (not yet used by a slash) at which an account becomes slashable (default 3 and 3; see evidence/). */
  slashEvidenceThreshold?: SlashEvidenceThreshold;
  /** Key holding SLASHER_ROLE on the StakeRegistry for `npm run hub -- slash` (default: operatorKey). */
  slasherKey?: string;
  /**
   * Abuse limits, requests per `windowMs` (default 60 s): `perIp` on every
   * route (default 1,200), `signInPerIp` on each of POST /auth/nonce and
   * /auth/verify (default 30), `perAccount` per signed-in address (default 600).
   */
  rateLimit?: { windowMs?: number; perIp?: number; signInPerIp?: number; perAccount?: number };
  /** How often expired SIWE nonces and sessions are deleted (default 10 min). */
  purgeIntervalMs?: number;
  /** The job queue's settings (env HUB_JOB_*, HUB_SCORE_DELAY_SECONDS, HUB_DECISION_WAIT_MS; hub/jobs/README.md); unset ones keep their defaults. */
  jobs?: Partial<JobSettings>;
  /** Clock in ms (tests). */
  now?: () => number;
}

export const DEFAULTS = {
  host: '127.0.0.1',
  sessionTtlMs: 24 * 3600_000,
  rateLimit: { windowMs: 60_000, perIp: 1_200, signInPerIp: 30, perAccount: 600 },
  purgeIntervalMs: 10 * 60_000,
  maxItemsPerBatch: 5_000,
  maxShapesPerItem: 1_000,
  batchBodyLimit: 16 * 1024 * 1024,
  mediaBodyLimit: 512 * 1024 * 1024,
  iouThreshold: 0.5,
  multiplierBounds: { min: 0.5, max: 1.5 },
  honeypotWeight: 2,
  maxOpenAssignments: 50,
  slashEvidenceThreshold: { honeypotFailures: 3, verdictsAgainst: 3 },
};

/**
 * Object storage for media (env HUB_S3_*; media/README.md). Credentials
 * left out come from the AWS SDK's default chain (AWS_ACCESS_KEY_ID …,
 * instance roles).
 */
export interface S3MediaSettings {
  bucket: string;
  region: string;
  /** An S3-compatible server (MinIO, Ceph, R2 …); AWS itself when left out. */
  endpoint?: string;
  /** The endpoint annotators reach, when it differs from the hub's (presigned URLs are signed for it). */
  publicEndpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** `<endpoint>/<bucket>/<key>` instead of `<bucket>.<endpoint>/<key>` (most self-hosted servers). */
  forcePathStyle: boolean;
  /** How long a presigned download URL works, in seconds. */
  presignSeconds: number;
  /** 'redirect': GET /media answers 302 to a presigned URL (bytes and Range go straight to the store); 'stream': the hub streams them through. */
  delivery: 'redirect' | 'stream';
}

export const S3_DEFAULTS = { region: 'us-east-1', presignSeconds: 300, delivery: 'redirect' as const };

function flag(value: string | undefined, name: string): boolean | undefined {
  if (!value) return undefined;
  if (/^(1|true|yes)$/i.test(value)) return true;
  if (/^(0|false|no)$/i.test(value)) return false;
  throw new Error(`${name} must be true or false, got "${value}"`);
}

/** HUB_S3_BUCKET switches media to object storage; without it the other HUB_S3_* are refused rather than ignored. */
export function s3SettingsFromEnv(env: NodeJS.ProcessEnv): S3MediaSettings | undefined {
  const bucket = env.HUB_S3_BUCKET;
  if (!bucket) {
    const stray = Object.keys(env).filter((k) => k.startsWith('HUB_S3_') && env[k]);
    if (stray.length > 0) throw new Error(`${stray.join(', ')} set without HUB_S3_BUCKET`);
    return undefined;
  }
  const delivery = env.HUB_S3_DELIVERY || S3_DEFAULTS.delivery;
  if (delivery !== 'redirect' && delivery !== 'stream') throw new Error(`HUB_S3_DELIVERY must be "redirect" or "stream", got "${delivery}"`);
  const presignSeconds = positiveCount(env.HUB_S3_PRESIGN_SECONDS, 'HUB_S3_PRESIGN_SECONDS') ?? S3_DEFAULTS.presignSeconds;
  // S3 refuses presigned URLs of more than a week.
  if (presignSeconds > 7 * 24 * 3600) throw new Error(`HUB_S3_PRESIGN_SECONDS must be at most 604800 (a week), got ${presignSeconds}`);
  const endpoint = env.HUB_S3_ENDPOINT || undefined;
  for (const [name, url] of [['HUB_S3_ENDPOINT', endpoint], ['HUB_S3_PUBLIC_ENDPOINT', env.HUB_S3_PUBLIC_ENDPOINT]] as const) {
    if (url && !/^https?:$/.test(new URL(url).protocol)) throw new Error(`${name} must be an http(s) URL, got "${url}"`);
  }
  if (!env.HUB_S3_ACCESS_KEY_ID !== !env.HUB_S3_SECRET_ACCESS_KEY) throw new Error('set both HUB_S3_ACCESS_KEY_ID and HUB_S3_SECRET_ACCESS_KEY, or neither');
  return {
    bucket,
    region: env.HUB_S3_REGION || S3_DEFAULTS.region,
    endpoint,
    publicEndpoint: env.HUB_S3_PUBLIC_ENDPOINT || undefined,
    accessKeyId: env.HUB_S3_ACCESS_KEY_ID || undefined,
    secretAccessKey: env.HUB_S3_SECRET_ACCESS_KEY || undefined,
    // Self-hosted servers seldom have wildcard DNS for virtual-hosted buckets: path style whenever an endpoint is given.
    forcePathStyle: flag(env.HUB_S3_FORCE_PATH_STYLE, 'HUB_S3_FORCE_PATH_STYLE') ?? endpoint !== undefined,
    presignSeconds,
    delivery,
  };
}

/** An account is slashable once either count of its unused evidence reaches its number. */
export interface SlashEvidenceThreshold {
  honeypotFailures: number;
  verdictsAgainst: number;
}

function positiveCount(value: string | undefined, name: string): number | undefined {
  if (!value) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return n;
}

/**
 * HUB_DB_POOL: at least 3. The start holds one connection for its session lock while migrations and pg-boss
 * query through others (1 would wait forever), and an epoch close holds one for its whole close.
 */
function poolSize(value: string | undefined): number | undefined {
  const n = positiveCount(value, 'HUB_DB_POOL');
  if (n !== undefined && n < 3) throw new Error(`HUB_DB_POOL must be at least 3 (a start and an epoch close each hold a connection while others query), got "${value}"`);
  return n;
}

function addressList(value: string | undefined, name: string): string[] {
  if (!value) return [];
  return value
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((a, i) => {
      try {
        return getAddress(a);
      } catch {
        throw new Error(`${name}[${i}] is not an address: "${a}"`);
      }
    });
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const v = env[name];
  if (!v) throw new Error(`${name} is not set (see hub/README.md, "Configuration")`);
  return v;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const chainId = Number(required(env, 'CHAIN_ID'));
  if (!Number.isSafeInteger(chainId) || chainId <= 0) throw new Error(`CHAIN_ID must be a positive integer, got "${env.CHAIN_ID}"`);
  const port = env.HUB_PORT ? Number(env.HUB_PORT) : 8787;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`HUB_PORT must be a port number, got "${env.HUB_PORT}"`);
  return {
    host: env.HUB_HOST || DEFAULTS.host,
    port,
    dataDir: env.HUB_DATA_DIR || undefined,
    databaseUrl: env.DATABASE_URL || undefined,
    dbPool: poolSize(env.HUB_DB_POOL),
    mediaDir: env.HUB_MEDIA_DIR || undefined,
    mediaS3: s3SettingsFromEnv(env),
    chainId,
    rewardsContract: getAddress(required(env, 'REWARDS_CONTRACT')),
    token: env.REWARD_TOKEN ? getAddress(env.REWARD_TOKEN) : undefined,
    rpcUrl: env.RPC_URL || undefined,
    operatorKey: env.OPERATOR_KEY || undefined,
    requesters: addressList(env.REQUESTERS, 'REQUESTERS'),
    operators: addressList(env.OPERATORS, 'OPERATORS'),
    publicUrl: env.HUB_PUBLIC_URL || undefined,
    stakeRegistry: env.STAKE_REGISTRY ? getAddress(env.STAKE_REGISTRY) : undefined,
    verifyWorkers: env.HUB_VERIFY_WORKERS ? Number(env.HUB_VERIFY_WORKERS) : undefined,
    slashEvidenceThreshold: {
      honeypotFailures: positiveCount(env.SLASH_HONEYPOT_FAILURES, 'SLASH_HONEYPOT_FAILURES') ?? DEFAULTS.slashEvidenceThreshold.honeypotFailures,
      verdictsAgainst: positiveCount(env.SLASH_VERDICTS_AGAINST, 'SLASH_VERDICTS_AGAINST') ?? DEFAULTS.slashEvidenceThreshold.verdictsAgainst,
    },
    slasherKey: env.SLASHER_KEY || undefined,
    maxTaskBudgetWei: env.MAX_TASK_BUDGET_WEI || undefined,
    // Bytes: one uploaded media file (long videos need more than the default) and one signed batch body.
    mediaBodyLimit: positiveCount(env.HUB_MEDIA_BODY_LIMIT, 'HUB_MEDIA_BODY_LIMIT'),
    batchBodyLimit: positiveCount(env.HUB_BATCH_BODY_LIMIT, 'HUB_BATCH_BODY_LIMIT'),
    jobs: jobSettingsFromEnv(env),
  };
}
