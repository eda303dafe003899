import { configFromEnv } from './config';
import { startHub } from './startHub';

/**
 * `npm run hub` — serve the hub from environment settings (see README.md).
 * `npm run hub -- close-epoch` — close one epoch against the same database
 * and chain, print the root and transaction, and exit.
 */
async function main(argv: string[]): Promise<void> {
  const command = argv[0] ?? 'serve';
  const config = configFromEnv();
  if (command === 'close-epoch') {
    const hub = await startHub({ ...config, port: 0, verifyWorkers: 0 });
    try {
      const result = await hub.closeEpoch();
      console.log(`epoch ${result.epoch} closed: root ${result.root}, tx ${result.txHash}, ${result.rewardedItems} item(s) rewarded`);
      for (const [account, total] of Object.entries(result.totals)) console.log(`  ${account}  cumulative ${total}`);
    } finally {
      await hub.close();
    }
    return;
  }
  if (command !== 'serve') throw new Error(`unknown command "${command}": use no argument to serve, or close-epoch`);
  if (!config.dataDir && !config.databaseUrl) console.warn('hub: neither HUB_DATA_DIR nor DATABASE_URL is set: storage is in memory and is lost when the hub stops');
  const hub = await startHub(config);
  console.log(`hub listening on ${hub.url} (${hub.context.db.kind}, chain ${config.chainId}, rewards ${config.rewardsContract})`);
  const stop = () => {
    hub.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((e: Error & { code?: string }) => {
  console.error(`hub: ${e.code ? `${e.code}: ` : ''}${e.message}`);
  process.exit(1);
});
