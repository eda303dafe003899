import { Contract, Wallet, id as keccakOfText, parseUnits, type Log } from 'ethers';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANVIL_ACCOUNTS, ANVIL_DEPLOYER_KEY, connectRpc, deployLocalNetwork, stakeRegistryAt, startAnvil, testTokenAt, type AnvilHandle } from '../../native/chain';
import type { Db } from '../db/adapter';
import { openDb } from '../db/openDb';
import { evidenceHash } from '../evidence/evidenceHash';
import type { RunningHub } from '../startHub';
import { box, call, sha, signedBatch, signIn, startChainTestHub, TEST_SCHEMA } from '../testKit';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const GWT = (n: string) => parseUnits(n, 18);

/** `npm run hub -- <args>` as an operator runs it: a separate process on the same database and chain. */
function hubCommand(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(path.join(repoRoot, 'node_modules/.bin/tsx'), ['hub/main.ts', ...args], { cwd: repoRoot, env: { ...process.env, ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/**
 * The attack: an annotator stakes to reach a higher tier, then labels
 * carelessly (or dishonestly). Reputation drops, but the stake — the thing
 * that was supposed to be at risk — stayed untouched, because nothing
 * collected evidence and nothing led the operator to `slash`. Now the hub
 * records each failed honeypot, `npm run hub -- evidence` names the account
 * once the threshold is reached, and `npm run hub -- slash` takes the stake
 * with the hash of exactly that evidence on chain.
 */
describe('attack: an annotator who fails honeypots keeps their stake', () => {
  let anvil: AnvilHandle;
  let network: Awaited<ReturnType<typeof deployLocalNetwork>>;
  let hub: RunningHub | undefined;
  let db: Db | undefined;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'hub-slash-'));
  const dataDir = path.join(tmp, 'db');
  const requester = Wallet.createRandom();
  const cheater = new Wallet(ANVIL_ACCOUNTS[3].privateKey);
  const honest = new Wallet(ANVIL_ACCOUNTS[4].privateKey);
  // A third annotator: a known answer counts once a majority of the item's submissions corroborate it (reputation/judgeHoneypot.ts).
  const witness = Wallet.createRandom();
  let env: Record<string, string>;

  beforeAll(async () => {
    anvil = await startAnvil({ port: 0 });
    network = await deployLocalNetwork(anvil.rpcUrl, ANVIL_DEPLOYER_KEY);
    env = {
      HUB_DATA_DIR: dataDir,
      CHAIN_ID: String(anvil.chainId),
      REWARDS_CONTRACT: network.rewards,
      REWARD_TOKEN: network.token,
      RPC_URL: anvil.rpcUrl,
      OPERATOR_KEY: ANVIL_DEPLOYER_KEY,
      STAKE_REGISTRY: network.stakeRegistry,
      SLASH_HONEYPOT_FAILURES: '3',
    };
    // PGlite on disk, so the operator's commands (other processes) see what this hub stored.
    hub = await startChainTestHub(anvil, network, { dataDir, operatorKey: ANVIL_DEPLOYER_KEY, requesters: [requester.address], operators: [] });
  }, 180_000);
  afterAll(async () => {
    await hub?.close();
    await db?.close();
    await anvil?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }, 120_000);

  it('is slashed by the operator on recorded evidence: the Slashed event carries the hash the hub recorded, the stake drops by the amount', async () => {
    const provider = connectRpc(anvil.rpcUrl);
    try {
      for (const who of [cheater, honest]) {
        const me = who.connect(provider);
        await (await testTokenAt(network.token, new Wallet(ANVIL_DEPLOYER_KEY, provider)).mint(who.address, GWT('100'))).wait();
        await (await testTokenAt(network.token, me).approve(network.stakeRegistry, GWT('100'))).wait();
        await (await stakeRegistryAt(network.stakeRegistry, me).stake(GWT('100'))).wait();
      }

      // Four honeypots (a car each). The cheater draws a person on every one; the honest annotators draw the car.
      const media = [1, 2, 3, 4].map((i) => sha(6_600_000 + i));
      const created = await call<{ taskId: string }>(hub!, 'POST', '/tasks', {
        token: await signIn(hub!, requester),
        json: {
          title: 'ground truth',
          labelSchema: TEST_SCHEMA,
          redundancy: 3,
          rewardPerItem: '1',
          items: media.map((s, i) => ({ sha256: s, fileName: `h${i}.jpg`, width: 640, height: 480 })),
          honeypots: media.map((s) => ({ sha256: s, shapes: [box('car', 10, 10)] })),
        },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const taskId = created.body.taskId;
      for (const who of [cheater, honest, witness]) {
        const token = await signIn(hub!, who);
        const got = await call<{ items: { itemId: string }[] }>(hub!, 'POST', `/tasks/${taskId}/assignments`, { token, json: { count: 4 } });
        expect(got.body.items).toHaveLength(4);
        const shapesFor = () => (who === cheater ? [box('person', 10, 10)] : [box('car', 10, 10)]);
        const signed = await signedBatch(hub!, who, taskId, got.body.items.map((it) => ({ itemId: it.itemId, shapes: shapesFor() })));
        expect((await call(hub!, 'POST', '/batches', { token, json: signed })).status).toBe(200);
      }
      await hub!.context.consensusIdle();
      // PGlite is one process: the hub stops before the operator's commands open its data directory.
      await hub!.close();
      hub = undefined;

      // Without the feature the cheater keeps everything; the listing now names them (and not the honest annotator).
      const listed = await hubCommand(['evidence'], env);
      expect(listed.code, listed.stderr).toBe(0);
      expect(listed.stdout).toMatch(new RegExp(`${cheater.address}\\s+honeypot_failed 4\\s+verdict_against 0\\s+used 0\\s+SLASHABLE`));
      expect(listed.stdout).not.toContain(honest.address);

      // Refusals: no reason; an account with no evidence. Nothing is sent.
      const noReason = await hubCommand(['slash', cheater.address], env);
      expect([noReason.code, noReason.stderr]).toEqual([1, expect.stringContaining('reason_required')]);
      const blameless = await hubCommand(['slash', honest.address, '--reason', 'no miss'], env);
      expect([blameless.code, blameless.stderr]).toEqual([1, expect.stringContaining('no_evidence')]);

      const amount = GWT('40');
      const slashed = await hubCommand(['slash', cheater.address, '--reason', 'drew a person on four known cars', '--amount', amount.toString()], env);
      expect(slashed.code, slashed.stderr + slashed.stdout).toBe(0);
      expect(slashed.stdout).toMatch(/slashed in tx 0x[0-9a-f]{64}/);

      // The hub's record: evidence ids ↔ evidence hash ↔ tx.
      db = await openDb({ dataDir });
      const evidence = await db.query<{ id: string; kind: string; item_id: string; task_id: string; detail: unknown }>(
        `SELECT id::text AS id, kind, item_id, task_id, detail FROM evidence WHERE account = $1 ORDER BY id`,
        [cheater.address],
      );
      expect(evidence.map((e) => e.kind)).toEqual(['honeypot_failed', 'honeypot_failed', 'honeypot_failed', 'honeypot_failed']);
      const [row, ...others] = await db.query<{ id: string; account: string; amount: string; reason: string; evidence_ids: string[]; evidence_hash: string; status: string; tx_hash: string }>(
        `SELECT id::text AS id, account, amount::text AS amount, reason, evidence_ids::text[] AS evidence_ids, evidence_hash, status, tx_hash FROM slashings`,
      );
      expect(others).toEqual([]);
      expect(row).toMatchObject({ account: cheater.address, amount: amount.toString(), reason: 'drew a person on four known cars', status: 'slashed', evidence_ids: evidence.map((e) => e.id) });
      // Anyone holding the rows recomputes the hash (evidence/evidenceHash.ts).
      const recomputed = evidenceHash(cheater.address, evidence.map((e) => ({ id: e.id, kind: e.kind, itemId: e.item_id, taskId: e.task_id, detail: e.detail })));
      expect(row!.evidence_hash).toBe(recomputed);
      expect(slashed.stdout).toContain(recomputed);

      // The chain's record: the Slashed event of that transaction carries the same hash; the stake dropped by the amount.
      const receipt = await provider.getTransactionReceipt(row!.tx_hash);
      expect(receipt?.status).toBe(1);
      const abi = (JSON.parse(readFileSync(path.join(repoRoot, 'contracts/artifacts/StakeRegistry.json'), 'utf8')) as { abi: never }).abi;
      const registry = new Contract(network.stakeRegistry, abi, provider);
      const events = (receipt!.logs as Log[]).map((l) => registry.interface.parseLog(l)).filter((e) => e?.name === 'Slashed');
      expect(events.map((e) => [...e!.args])).toEqual([[cheater.address, amount, recomputed, amount, 0n]]);
      const [active, unbonding] = (await stakeRegistryAt(network.stakeRegistry, provider).stakeOf(cheater.address)) as unknown as [bigint, bigint];
      expect([active, unbonding]).toEqual([GWT('100') - amount, 0n]);
      const [honestActive] = (await stakeRegistryAt(network.stakeRegistry, provider).stakeOf(honest.address)) as unknown as [bigint];
      expect(honestActive).toBe(GWT('100'));
      await db.close();
      db = undefined;

      // The evidence is used up: the listing shows the slash and no longer calls the cheater slashable.
      const after = await hubCommand(['evidence', '--all'], env);
      expect(after.stdout).not.toContain(honest.address);
      expect(after.stdout).toMatch(new RegExp(`${cheater.address}\\s+honeypot_failed 0\\s+verdict_against 0\\s+used 4\\s+below threshold, slashed ${amount} wei so far`));
      expect(after.stdout).toContain(`${amount} wei slashed tx ${row!.tx_hash}`);

      // An auditor asks for the slashing's evidence document and hashes it themselves.
      const audit = await hubCommand(['evidence', '--slashing', row!.id], env);
      expect(audit.code, audit.stderr).toBe(0);
      expect(keccakOfText(audit.stdout.trim())).toBe(recomputed);
      expect(JSON.parse(audit.stdout)).toMatchObject({ account: cheater.address, schema: 'groundwork-evidence/1', evidence: evidence.map((e) => ({ id: e.id, kind: 'honeypot_failed' })) });
    } finally {
      provider.destroy();
    }
  }, 600_000);
});
