import { createHash } from 'node:crypto';
import { Wallet } from 'ethers';
import sharp from 'sharp';
import { putMediaRoute } from '../../core/hubApi/media';
import { parseResponse, requestOf } from '../../core/hubApi/route';
import { createTaskRoute } from '../../core/hubApi/tasks';
import type { RunningHub } from '../../hub/startHub';
import { callRoute } from '../../hub/http/callRoute';
import { call, signIn } from '../../hub/testKit';
import { ANVIL_ACCOUNTS, connectRpc, fundTask } from '../../native/chain';

export { startNetworkStack, type NetworkStack } from '../../scripts/localStack';

/** Distinct small PNGs: a dark background with one bright block at a different place each. */
async function taskImage(i: number): Promise<Buffer> {
  const block = await sharp({ create: { width: 80, height: 60, channels: 3, background: { r: 240, g: 200 - i * 60, b: 40 + i * 80 } } }).png().toBuffer();
  return sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 20 + i * 30, g: 30, b: 50 } } })
    .composite([{ input: block, left: 40 + i * 120, top: 50 + i * 40 }])
    .png()
    .toBuffer();
}

/**
 * Publishes a task as the requester (anvil account 1): media uploaded by sha256, then the task, then its pool funded on chain (twice what its items pay at 1×, reviewer fees included).
 * `instructions` and `examples` (image bytes, uploaded like the items) are shown to annotators before their first item.
 */
export async function publishTask(
  hub: RunningHub,
  options: { title: string; images: number; redundancy: number; rewardPerItem: string; classes: string[]; reviewerFee?: string; instructions?: string; examples?: Buffer[] },
): Promise<string> {
  const token = await signIn(hub, new Wallet(ANVIL_ACCOUNTS[1].privateKey));
  const upload = async (bytes: Buffer) => {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const put = requestOf(putMediaRoute, { params: { sha256 } });
    const reply = await call(hub, put.method, put.path, { token, body: bytes });
    if (reply.status >= 300) throw new Error(`media upload refused: ${JSON.stringify(reply.body)}`);
    parseResponse(putMediaRoute, reply.body);
    return sha256;
  };
  const items = [];
  for (let i = 0; i < options.images; i++) items.push({ sha256: await upload(await taskImage(i)), fileName: `street-${i}.png`, width: 320, height: 240 });
  const examples = [];
  for (const bytes of options.examples ?? []) examples.push(await upload(bytes));
  const classes = options.classes.map((name, i) => ({ id: `c${i}`, name, color: ['#e8590c', '#1c7ed6', '#2b8a3e'][i % 3], attributes: [] }));
  const created = await callRoute(
    hub,
    createTaskRoute,
    { body: { title: options.title, labelSchema: { classes }, redundancy: options.redundancy, rewardPerItem: options.rewardPerItem, items, instructions: options.instructions, examples, ...(options.reviewerFee ? { reviewerFee: options.reviewerFee } : {}) } },
    token,
  );
  const { chain, config } = hub.context;
  if (!chain || !config.token) throw new Error('publishTask needs a hub on a chain, with its token');
  const provider = connectRpc(chain.rpcUrl);
  try {
    const perItem = BigInt(options.rewardPerItem) * BigInt(options.redundancy) + BigInt(options.reviewerFee ?? '0');
    await fundTask(new Wallet(ANVIL_ACCOUNTS[1].privateKey, provider), config.rewardsContract, config.token, created.task, 2n * BigInt(options.images) * perItem);
  } finally {
    provider.destroy();
  }
  return created.taskId;
}
