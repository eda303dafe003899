import { parseArgs } from 'node:util';
import { configFromEnv, type HubConfig } from './config';
import { formatEvidenceReport, formatSlashOutcome, parseSlashAmount, stakeRegistryFromConfig } from './evidence/evidenceCommands';
import { listEvidence } from './evidence/listEvidence';
import { requireReason, slashAccount } from './evidence/slashAccount';
import { slashingDocument } from './evidence/slashingDocument';
import { formatRoleChange, runRoleCommand } from './roles/roleCommands';
import { startHub, type RunningHub } from './startHub';

/**
 * `npm run hub` — serve the hub from environment settings (see README.md).
 * `npm run hub -- close-epoch` — close one epoch against the same database
 * and chain, print the root and transaction, and exit.
 * `npm run hub -- evidence [--all]` — accounts with slashable evidence, and the slashings;
 * `-- evidence --slashing <id>` — the evidence document a slashing's hash was taken over.
 * `npm run hub -- slash <address> --reason "…" [--amount <wei|all>] [--force]` — slash on the recorded evidence.
 * `npm run hub -- grant|revoke <requester|reviewer> <address>` — a role in the database, applied on the next request.
 */
async function main(argv: string[]): Promise<void> {
  const command = argv[0] ?? 'serve';
  const config = configFromEnv();
  if (command === 'close-epoch') {
    await withHub(config, async (hub) => {
      const result = await hub.closeEpoch();
      console.log(`epoch ${result.epoch} closed: root ${result.root}, tx ${result.txHash ?? `unknown${result.note ? ` (${result.note})` : ''}`}, ${result.rewardedItems} item(s) rewarded`);
      for (const [account, total] of Object.entries(result.totals)) console.log(`  ${account}  cumulative ${total}`);
    });
    return;
  }
  if (command === 'evidence') {
    const { values } = parseArgs({ args: argv.slice(1), options: { all: { type: 'boolean', default: false }, slashing: { type: 'string' } } });
    await withHub(config, async (hub) => {
      if (values.slashing !== undefined) {
        const doc = await slashingDocument(hub.context.db, values.slashing);
        if (!doc) throw new Error(`no slashing #${values.slashing}`);
        console.log(doc.document);
        console.error(`slashing #${doc.slashingId} of ${doc.account}: recorded hash ${doc.recordedHash}, keccak256 of the document above ${doc.recomputedHash}${doc.recordedHash === doc.recomputedHash ? '' : ' — MISMATCH'}; tx ${doc.txHash ?? '-'}`);
        if (doc.recordedHash !== doc.recomputedHash) process.exitCode = 1;
        return;
      }
      for (const line of formatEvidenceReport(await listEvidence(hub.context, { all: values.all }), { all: values.all })) console.log(line);
    });
    return;
  }
  if (command === 'slash') {
    const { values, positionals } = parseArgs({
      args: argv.slice(1),
      allowPositionals: true,
      options: { reason: { type: 'string' }, amount: { type: 'string' }, force: { type: 'boolean', default: false } },
    });
    if (positionals.length !== 1) throw new Error('usage: slash <address> --reason "…" [--amount <wei|all>] [--force]');
    const reason = requireReason(values.reason);
    const amount = parseSlashAmount(values.amount);
    const registry = stakeRegistryFromConfig(config);
    try {
      await withHub(config, async (hub) => {
        const outcome = await slashAccount(hub.context, registry, { account: positionals[0]!, reason, amount, force: values.force });
        for (const line of formatSlashOutcome(outcome)) console.log(line);
        if (outcome.status !== 'slashed') process.exitCode = 1;
      });
    } finally {
      registry.close();
    }
    return;
  }
  if (command === 'grant' || command === 'revoke') {
    const grant = command === 'grant';
    for (const line of formatRoleChange(grant, await runRoleCommand(config, grant, argv.slice(1)))) console.log(line);
    return;
  }
  if (command !== 'serve') throw new Error(`unknown command "${command}": use no argument to serve, or close-epoch, evidence, slash, grant, revoke`);
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

/** A one-shot command: the same database and chain as the server, no worker threads, a free loopback port. */
async function withHub(config: HubConfig, run: (hub: RunningHub) => Promise<void>): Promise<void> {
  const hub = await startHub({ ...config, host: '127.0.0.1', port: 0, verifyWorkers: 0 });
  try {
    await run(hub);
  } finally {
    await hub.close();
  }
}

main(process.argv.slice(2)).catch((e: Error & { code?: string }) => {
  console.error(`hub: ${e.code ? `${e.code}: ` : ''}${e.message}`);
  process.exit(1);
});
