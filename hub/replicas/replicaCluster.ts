import { Wallet } from 'ethers';
import { findPostgresBin, startTestPostgres, type TestPostgres } from '../db/testPostgres';
import { startReplicaProcess, type ReplicaProcess } from './replicaProcesses';
import { startRoundRobinProxy, type RoundRobinProxy } from './roundRobinProxy';
import { startSharedMedia, type SharedMedia } from './sharedMedia';

/**
 * N hub processes on ONE PostgreSQL server and ONE chain (contracts
 * deployed), sharing one media bucket, behind one round-robin proxy. The
 * proxy's address is every replica's public URL (the SIWE domain), as a
 * load balancer's would be. stop() ends everything it started, in reverse;
 * a failure while starting stops what had started.
 */
export interface ReplicaCluster {
  proxy: RoundRobinProxy;
  replicas: ReplicaProcess[];
  databaseUrl: string;
  chain: ReplicaChain;
  media: SharedMedia;
  /** A configured requester (REQUESTERS). */
  requesterKey: string;
  stop(): Promise<void>;
}

/**
 * A local chain with the network deployed, started by the caller (hub code
 * may not import native/chain; the test and the bench start anvil with it):
 * the distributor's operator key, which funds pools from its test tokens.
 */
export interface ReplicaChain {
  rpcUrl: string;
  chainId: number;
  rewards: string;
  token: string;
  stakeRegistry: string;
  operatorKey: string;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  replicas: number;
  startChain: () => Promise<ReplicaChain>;
  /** Abuse limits for every replica (default: far above any load here; see hubProcess.ts). */
  rateLimit?: { perIp: number; signInPerIp: number; perAccount: number };
}

const GENEROUS = { perIp: 10_000_000, signInPerIp: 10_000_000, perAccount: 10_000_000 };

export async function startReplicaCluster(opts: ClusterOptions): Promise<ReplicaCluster> {
  const bin = findPostgresBin();
  if (!bin) throw new Error('PostgreSQL binaries not found under /usr/lib/postgresql (install Debian `postgresql`)');
  const started: { stop(): unknown }[] = [];
  const stopAll = async () => {
    for (const s of started.reverse()) await Promise.resolve(s.stop()).catch(() => undefined);
    started.length = 0;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    void stopAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const stop = async () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await stopAll();
  };
  try {
    const postgres: TestPostgres = await startTestPostgres(bin);
    started.push(postgres);
    const chain = await opts.startChain();
    started.push(chain);
    const requester = Wallet.createRandom();
    const media = await startSharedMedia();
    started.push(media);
    const proxy = await startRoundRobinProxy();
    started.push({ stop: () => proxy.close() });
    const limits = opts.rateLimit ?? GENEROUS;
    const env: Record<string, string> = {
      DATABASE_URL: postgres.url,
      CHAIN_ID: String(chain.chainId),
      REWARDS_CONTRACT: chain.rewards,
      REWARD_TOKEN: chain.token,
      STAKE_REGISTRY: chain.stakeRegistry,
      RPC_URL: chain.rpcUrl,
      OPERATOR_KEY: chain.operatorKey,
      OPERATORS: new Wallet(chain.operatorKey).address,
      REQUESTERS: requester.address,
      HUB_HOST: '127.0.0.1',
      HUB_PORT: '0',
      // Every replica answers as the proxy: SIWE messages name its host, whichever replica verifies them.
      HUB_PUBLIC_URL: proxy.url,
      HUB_RATE_LIMIT_PER_IP: String(limits.perIp),
      HUB_RATE_LIMIT_SIGN_IN_PER_IP: String(limits.signInPerIp),
      HUB_RATE_LIMIT_PER_ACCOUNT: String(limits.perAccount),
      ...media.env,
    };
    // The first alone (it migrates the empty database and installs the job queue), then the others at once, as a
    // rolling deploy does: all at once on an empty database loses a race in the schema set-up (concurrentStart.test.ts).
    const start = (i: number) => startReplicaProcess(env, { name: `replica ${i + 1}` }).then((r) => (started.push(r), r));
    const first = await start(0);
    const replicas = [first, ...(await Promise.all(Array.from({ length: opts.replicas - 1 }, (_, i) => start(i + 1))))];
    proxy.use(replicas.map((r) => r.url));
    return { proxy, replicas, databaseUrl: postgres.url, chain, media, requesterKey: requester.privateKey, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
