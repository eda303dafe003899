import { Wallet, parseUnits } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANVIL_ACCOUNTS, ANVIL_DEPLOYER_KEY, connectRpc, deployLocalNetwork, startAnvil, type AnvilHandle } from '../../native/chain';
import { call, startChainTestHub } from '../testKit';
import { clipLabels } from '../consensus/videoTestLabels';
import { signedVerdict } from '../verdicts/verdictTestKit';
import { buildVideoReviewScenario, type VideoReviewScenario } from '../verdicts/videoReviewScenario';
import { claimServed, fundTask } from './epochTestKit';

/**
 * A video task is paid as an image task is: rewardPerItem to every
 * annotator whose video labels agree with the final ones (consensus or
 * verdict, core videoAgreesWith), the reviewer fee to the reviewer of a
 * resolved clip — and claimed on chain to the wei.
 */
describe('epoch payouts for a video task (anvil)', () => {
  let anvil: AnvilHandle;
  let network: Awaited<ReturnType<typeof deployLocalNetwork>>;
  let s: VideoReviewScenario;
  const wallets = [ANVIL_ACCOUNTS[2], ANVIL_ACCOUNTS[3], ANVIL_ACCOUNTS[4]].map((a) => new Wallet(a.privateKey));
  const reviewer = new Wallet(ANVIL_ACCOUNTS[1].privateKey);
  const reward = parseUnits('5', 18);
  const fee = parseUnits('1', 18);

  beforeAll(async () => {
    anvil = await startAnvil({ port: 0 });
    network = await deployLocalNetwork(anvil.rpcUrl, ANVIL_DEPLOYER_KEY);
    s = await buildVideoReviewScenario((config) => startChainTestHub(anvil, network, { operatorKey: ANVIL_DEPLOYER_KEY, ...config }), {
      annotators: wallets,
      reviewer,
      operator: new Wallet(ANVIL_DEPLOYER_KEY),
      rewardPerItem: reward.toString(),
      reviewerFee: fee.toString(),
    });
    // Room for the highest multiplier on both clips, and the fee.
    await fundTask(s.hub, s.task, 2n * (2n * 3n * reward) + fee);
  }, 180_000);
  afterAll(async () => {
    await s?.hub.close();
    await anvil?.stop();
  }, 180_000);

  it('pays rewardPerItem per agreeing submission and the reviewer fee, and every account claims exactly that', async () => {
    const [a0, a1, a2] = wallets.map((w) => w.address) as [string, string, string];
    const final = clipLabels();
    const verdict = await call(s.hub, 'POST', '/verdicts', { token: s.reviewer.token, json: await signedVerdict(s.hub, reviewer, s.taskId, s.items.disputed, final.shapes, { video: final.video }) });
    expect(verdict.status, JSON.stringify(verdict.body)).toBe(200);

    const epoch = await call<{ totals: Record<string, string>; rewardedItems: number }>(s.hub, 'POST', '/epochs/close', { token: s.operatorToken });
    expect(epoch.status, JSON.stringify(epoch.body)).toBe(200);
    expect(epoch.body.rewardedItems).toBe(2);
    // Clip 0 (accepted): a0 and a1 agree, a2's track drifted. Clip 1 (verdict): a0 and a2 agree, a1 swapped the shot tags.
    expect(epoch.body.totals).toEqual({ [a0]: (2n * reward).toString(), [a1]: reward.toString(), [a2]: reward.toString(), [reviewer.address]: fee.toString() });

    const provider = connectRpc(anvil.rpcUrl);
    try {
      const claimed = [];
      for (const w of [...wallets, reviewer]) claimed.push(await claimServed(s.hub, provider, network.rewards, network.token, w));
      expect(claimed).toEqual([2n * reward, reward, reward, fee]);
    } finally {
      provider.destroy();
    }
  });
});
