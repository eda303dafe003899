import { Wallet, parseUnits } from 'ethers';
import type { JsonRpcProvider } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANVIL_ACCOUNTS, ANVIL_DEPLOYER_KEY, deployLocalNetwork, startAnvil, type AnvilHandle } from '../../native/chain';
import { claimServed, earnRewards, localProvider, rootsPosted, servedProof, type Annotator } from '../epochs/epochTestKit';
import type { RunningHub } from '../startHub';
import { call, signIn, startChainTestHub } from '../testKit';

type CloseReply = { epoch?: string; error?: string; message?: string };

describe('attack: a tampered database makes the next epoch pay accounts less than before', () => {
  let anvil: AnvilHandle | undefined;
  let hub: RunningHub | undefined;
  let provider: JsonRpcProvider | undefined;
  let network: Awaited<ReturnType<typeof deployLocalNetwork>>;
  const operator = new Wallet(ANVIL_DEPLOYER_KEY);
  const requester = Wallet.createRandom();
  // The fourth annotator never sends a transaction: it needs no funded anvil account.
  const wallets = [...[ANVIL_ACCOUNTS[2], ANVIL_ACCOUNTS[3], ANVIL_ACCOUNTS[4]].map((a) => new Wallet(a.privateKey)), new Wallet(Wallet.createRandom().privateKey)];
  const [a0, a1, a2] = wallets.map((w) => w.address) as [string, string, string, string];
  const reward = parseUnits('4', 18);
  let annotators: Annotator[];
  let requesterToken: string;
  let operatorToken: string;

  const close = () => call<CloseReply>(hub!, 'POST', '/epochs/close', { token: operatorToken });
  const query = <T>(sql: string, params?: unknown[]) => hub!.context.db.query<T>(sql, params);
  /** What a refused close must leave exactly as it was. */
  const snapshot = async () => ({
    epochs: await query<{ epoch: bigint; status: string }>('SELECT epoch, status FROM epochs ORDER BY epoch'),
    rewards: await query<{ n: bigint }>('SELECT count(*)::int8 AS n FROM rewards'),
    unrewarded: await query<{ n: bigint }>(`SELECT count(*)::int8 AS n FROM items WHERE status IN ('accepted', 'resolved') AND rewarded_epoch IS NULL`),
    onChain: (await rootsPosted(provider!, network.rewards)).map((r) => r.epoch),
  });

  beforeAll(async () => {
    anvil = await startAnvil({ port: 0 });
    provider = localProvider(anvil.rpcUrl);
    network = await deployLocalNetwork(anvil.rpcUrl, ANVIL_DEPLOYER_KEY);
    hub = await startChainTestHub(anvil, network, { operatorKey: ANVIL_DEPLOYER_KEY, requesters: [requester.address], operators: [operator.address] });
    requesterToken = await signIn(hub, requester);
    operatorToken = await signIn(hub, operator);
    annotators = await Promise.all(wallets.map(async (wallet) => ({ wallet, token: await signIn(hub!, wallet) })));
  }, 180_000);
  afterAll(async () => {
    provider?.destroy();
    await hub?.close();
    await anvil?.stop();
  }, 120_000);

  it('totals below the previous epoch (one account lower, one missing) are refused with the accounts and figures; nothing is written or posted', async () => {
    await earnRewards(hub!, requesterToken, annotators.slice(0, 3), 2, reward);
    const first = await close();
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.epoch).toBe('1');
    // Epoch 2's work goes to a0, a1 and a3; a2 earns nothing new.
    await earnRewards(hub!, requesterToken, [annotators[0]!, annotators[1]!, annotators[3]!], 1, reward);

    // Tamper: a1's and a2's epoch-1 rewards vanish from the database.
    const removed = await query<{ item_id: string; account: string; epoch: bigint; amount: string }>(
      'DELETE FROM rewards WHERE epoch = 1 AND account = ANY($1::text[]) RETURNING item_id, account, epoch, amount::text AS amount',
      [[a1, a2]],
    );
    expect(removed).toHaveLength(4);
    const before = await snapshot();

    const refused = await close();
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('totals_below_previous_epoch');
    expect(refused.body.message).toContain('nothing posted');
    // a1 keeps only its new, smaller reward; a2 is missing from the new totals and counts as 0.
    expect(refused.body.message).toMatch(new RegExp(`${a1} would get cumulative \\d+ wei, below epoch 1's total ${2n * reward} wei`));
    expect(refused.body.message).toContain(`${a2} would get cumulative 0 wei, below epoch 1's total ${2n * reward} wei`);
    expect(refused.body.message).not.toContain(a0);
    expect(await snapshot()).toEqual(before);
    expect(await hub!.context.chain!.currentEpoch()).toBe(1n);

    // Undo the tampering: the refused close consumed nothing, so the same work closes as epoch 2.
    await query(
      'INSERT INTO rewards (item_id, account, epoch, amount) SELECT * FROM unnest($1::text[], $2::text[], $3::int8[], $4::numeric[])',
      [removed.map((r) => r.item_id), removed.map((r) => r.account), removed.map((r) => r.epoch.toString()), removed.map((r) => r.amount)],
    );
    const second = await close();
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(second.body.epoch).toBe('2');
  });

  it('totals below what an account already claimed on chain are refused, even when the previous epoch was tampered to match; nothing is written or posted', async () => {
    const served = await servedProof(hub!, a0);
    const claimedAmount = BigInt(served.cumulative);
    expect(await claimServed(hub!, provider!, network.rewards, network.token, wallets[0]!)).toBe(claimedAmount);
    await earnRewards(hub!, requesterToken, [annotators[0]!, annotators[1]!, annotators[3]!], 1, reward);

    // Tamper: a0's past rewards zeroed, and the previous epoch's stored totals lowered to agree, so only the chain knows better.
    await query('UPDATE rewards SET amount = 0 WHERE account = $1', [a0]);
    const [previous] = await query<{ totals: Record<string, string> }>('SELECT totals FROM epochs WHERE epoch = 2');
    const key = Object.keys(previous!.totals).find((k) => k.toLowerCase() === a0.toLowerCase())!;
    await query(`UPDATE epochs SET totals = jsonb_set(totals, ARRAY[$1::text], '"0"'::jsonb) WHERE epoch = 2`, [key]);
    const before = await snapshot();

    const refused = await close();
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('totals_below_claimed');
    expect(refused.body.message).toMatch(new RegExp(`${a0} would get cumulative \\d+ wei, below what it already claimed on chain, ${claimedAmount} wei`));
    expect(await snapshot()).toEqual(before);
    expect(await hub!.context.chain!.currentEpoch()).toBe(2n);
    expect((await servedProof(hub!, a0)).epoch).toBe('2');
  });
});
