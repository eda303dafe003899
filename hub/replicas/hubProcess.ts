import { configFromEnv, type HubConfig } from '../config';
import { startHub } from '../startHub';

/**
 * One hub replica as its own process: `npm run hub`'s serve path
 * (configFromEnv → startHub) plus two things the harness needs that main.ts
 * does not offer yet:
 *  - the abuse limits from the environment (HUB_RATE_LIMIT_PER_IP,
 *    HUB_RATE_LIMIT_SIGN_IN_PER_IP, HUB_RATE_LIMIT_PER_ACCOUNT): behind the
 *    proxy every client arrives from the proxy's address, so the per-IP
 *    limits (1,200 requests and 30 sign-ins a minute per replica) would cap
 *    the load and make throughput scale with the number of replicas' limits
 *    instead of their work;
 *  - it stops when its parent goes away (stdin closes), so no replica
 *    outlives a killed test or bench.
 * It prints main.ts's "hub listening on <url>" line, which the harness waits for.
 */
function limitFromEnv(name: string): number | undefined {
  const value = process.env[name];
  if (!value) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return n;
}

function rateLimitFromEnv(): HubConfig['rateLimit'] {
  const limits = {
    perIp: limitFromEnv('HUB_RATE_LIMIT_PER_IP'),
    signInPerIp: limitFromEnv('HUB_RATE_LIMIT_SIGN_IN_PER_IP'),
    perAccount: limitFromEnv('HUB_RATE_LIMIT_PER_ACCOUNT'),
  };
  return Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined));
}

async function main(): Promise<void> {
  const config = configFromEnv();
  const hub = await startHub({ ...config, rateLimit: { ...config.rateLimit, ...rateLimitFromEnv() } });
  console.log(`hub listening on ${hub.url} (${hub.context.db.kind}, chain ${config.chainId}, rewards ${config.rewardsContract})`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    hub.close().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(`hub replica: close failed: ${(e as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.stdin.on('end', stop);
  process.stdin.on('error', stop);
  process.stdin.resume();
}

main().catch((e: Error & { code?: string }) => {
  console.error(`hub replica: ${e.code ? `${e.code}: ` : ''}${e.message}`);
  process.exit(1);
});
