import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { Wallet, parseUnits } from 'ethers';
import type { StoredVideoConsensus } from '../hub/consensus/storedConsensus';
import { normalizeVideoLabels, type CanonicalVideoLabels } from '../core/sync/canonicalVideo';
import { call, signIn } from '../hub/testKit';
import { ANVIL_ACCOUNTS, ANVIL_DEPLOYER_KEY } from '../native/chain';
import { ICE_CLIP, writeRealClip, type RealClip } from './fixtures/realVideo';
import { ReviewPage } from './pages/ReviewPage';
import { grantReviewer } from './support/hubActors';
import { startNetworkStack, type NetworkStack } from './support/networkStack';
import { clipLabels } from './support/videoLabels';
import { labelAsVideoAnnotator, publishVideoTask } from './support/videoNetwork';
import { openWorkstation, startWorkstationHosts, type WorkstationHosts } from './support/workstation';

// Reviewer mode for video (issue 14 part 4). Three simulated annotators sign their labels of a real
// clip (ICE: a pan across pack ice, one slab tracked, one shot) through the workstation's batch
// signing; C tags the shot "snow" where A and B say "ice", so the hub disputes the item on its
// segments. A reviewer downloads the dispute, opens it (the frame engine shows the clip's frames,
// each annotator's track overlaid, lanes per annotator), and decides every part from the keyboard:
// . and > move frames, B takes annotator B's track, Tab goes to the segmentation, the letter of an
// annotator who tagged it "ice" takes theirs; a reload keeps the draft; Enter signs and submits.
// The hub takes the video verdict (v2 labels hash) and marks the item resolved with those labels.

let stack: NetworkStack | null = null;
let workstations: WorkstationHosts | null = null;
let workDir = '';
let ice: RealClip;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  workDir = await mkdtemp(path.join(os.tmpdir(), 'groundwork-video-review-'));
  const [clip, started, hosts] = await Promise.allSettled([writeRealClip(ICE_CLIP, path.join(workDir, 'clips')), startNetworkStack(), startWorkstationHosts('video-review', ['reviewer'])]);
  if (started.status === 'fulfilled') stack = started.value;
  if (hosts.status === 'fulfilled') workstations = hosts.value;
  if (clip.status === 'fulfilled') ice = clip.value;
  for (const r of [clip, started, hosts]) if (r.status === 'rejected') throw r.reason;
});

test.afterAll(async () => {
  await workstations?.stop();
  workstations = null;
  await stack?.stop();
  stack = null;
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** Annotator letters as the review shows them: consensus order (case-insensitive). */
const lettersOf = (addresses: string[]) => {
  const sorted = [...addresses].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0));
  return (address: string) => String.fromCharCode(97 + sorted.indexOf(address));
};

test('a disputed video item is reviewed from the keyboard, survives a reload, is signed and resolves on the hub', async ({ browser }) => {
  test.setTimeout(420_000);
  const { anvil } = stack!;
  const hub = stack!.hub;
  const requester = new Wallet(ANVIL_ACCOUNTS[1].privateKey);
  const { taskId } = await publishVideoTask(hub, requester, [ice], { title: 'Ice, reviewed', classes: ['ice'], redundancy: 3, rewardPerItem: parseUnits('1', 18), reviewerFee: parseUnits('0.1', 18) });

  // A and B label the clip carefully; B's slab track starts 3 px off; C tags the shot "snow".
  const careful = clipLabels(ice);
  const labels: Record<string, CanonicalVideoLabels> = {};
  const label = async (video: CanonicalVideoLabels) => {
    const who = await labelAsVideoAnnotator(hub.url, taskId, () => ({ shapes: [], video }));
    labels[who.address] = normalizeVideoLabels(video);
    return who.address;
  };
  const shifted: CanonicalVideoLabels = { ...careful, tracks: careful.tracks.map((t) => ({ ...t, keyframes: t.keyframes.map((k) => ({ ...k, box: { ...k.box, x: k.box.x + 3 } })) })) };
  const A = await label(careful);
  const B = await label(shifted);
  const C = await label(clipLabels(ice, { retag: { startFrame: 0, tag: 'snow' } }));
  await hub.context.consensusIdle();
  const requesterToken = await signIn(hub, requester);
  const items = async () => (await call<{ items: { itemId: string; status: string }[] }>(hub, 'GET', `/tasks/${taskId}/items`, { token: requesterToken })).body.items;
  const [item] = await items();
  expect(item!.status).toBe('disputed');
  const letter = lettersOf([A, B, C]);

  // The reviewer downloads the dispute (payload and clip) and opens it.
  const reviewer = await openWorkstation(browser, workstations!.hosts[0]!, hub.url, anvil.rpcUrl);
  await grantReviewer(hub, ANVIL_DEPLOYER_KEY, reviewer.address);
  const review = new ReviewPage(reviewer.page);
  const page = reviewer.page;
  await review.download();
  await review.openItem(item!.itemId);
  await expect(page.getByTestId('review-item')).toHaveAttribute('data-kind', 'video');
  const parts = review.objects;
  const kinds = await parts.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
  expect(kinds).toEqual(['track', 'segments']);
  // Tracks were not disputed: the slab starts as the consensus; the segmentation waits.
  await expect(parts.nth(0)).toHaveAttribute('data-choice', 'merged');
  await expect(parts.nth(1)).toHaveAttribute('data-choice', 'undecided');
  await expect(page.getByTestId('review-open-count')).toHaveAttribute('data-value', '1');
  // Lanes: one per annotator per part, plus the decided lane.
  await expect(page.locator('[data-testid="review-lane"][data-part="0"]')).toHaveCount(4);
  await expect(page.locator('[data-testid="review-lane"][data-part="1"]')).toHaveCount(4);
  await expect(page.locator(`[data-testid="review-lane"][data-part="1"][data-who="${C}"] [data-testid="lane-span"]`)).toHaveCount(1);

  // The frame engine: frames move with . , > < and the canvas shows the frame asked for.
  await page.locator('.canvas-container').first().click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('>');
  await page.keyboard.press('>');
  await page.keyboard.press('.');
  await expect(page.getByTestId('review-frame-number')).toHaveText('21');
  await expect(page.locator('[data-shown-frame]')).toHaveAttribute('data-shown-frame', '21', { timeout: 30_000 });

  // B's track for the slab, then Tab to the segmentation and A's "ice" shot.
  await page.keyboard.press(letter(B));
  await expect(parts.nth(0)).toHaveAttribute('data-choice', 'annotator');
  await page.keyboard.press('Tab');
  await expect(parts.nth(1)).toHaveAttribute('data-current', 'true');
  await page.keyboard.press(letter(C));
  await page.keyboard.press('Control+z');
  await expect(parts.nth(1)).toHaveAttribute('data-choice', 'undecided');
  await page.keyboard.press(letter(A));
  await expect(parts.nth(1)).toHaveAttribute('data-choice', 'annotator');
  await expect(page.getByTestId('review-open-count')).toHaveAttribute('data-value', '0');
  await page.screenshot({ path: path.join(test.info().outputDir, 'video-review.png') });

  // A reload keeps the draft (IndexedDB), offline as online.
  await page.reload();
  // The app comes back where it was (the network view); the queue row is read from the local store.
  await expect(page.getByTestId('network-view').or(page.getByTestId('open-network')).first()).toBeVisible();
  if (!(await page.getByTestId('network-view').isVisible())) await page.getByTestId('open-network').click();
  await expect(review.row(item!.itemId)).toHaveAttribute('data-state', 'open');
  await review.openItem(item!.itemId);
  await expect(parts.nth(0)).toHaveAttribute('data-choice', 'annotator');
  await expect(parts.nth(1)).toHaveAttribute('data-choice', 'annotator');

  // Enter: the verdict goes to the outbox; the dialog shows what the host will sign; confirm.
  await page.locator('.canvas-container').first().click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('verdict-summary')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('verdict-item')).toHaveText(item!.itemId);
  const trackKeyframes = labels[B]!.tracks.reduce((n, t) => n + t.keyframes.length, 0);
  await expect(page.getByTestId('verdict-track-count')).toHaveText(`${labels[B]!.tracks.length} (${trackKeyframes} keyframes)`);
  await expect(page.getByTestId('verdict-segment-count')).toHaveText(`${labels[A]!.segments.length} over ${ice.frameCount} frames`);
  await page.getByTestId('confirm-verdict').click();
  await expect(page.getByTestId('verdict-sign-dialog')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.locator('[data-testid="outbox-row"][data-kind="verdict"]')).toHaveAttribute('data-state', 'accepted', { timeout: 60_000 });

  // The hub: resolved, with B's track and A's segments as the final labels.
  expect((await items())[0]!.status).toBe('resolved');
  const rows = await hub.context.db.query<{ consensus: StoredVideoConsensus }>('SELECT consensus FROM items WHERE id = $1', [item!.itemId]);
  const final = rows[0]!.consensus.video;
  expect(final.tracks).toEqual(labels[B]!.tracks);
  expect(final.segments).toEqual(labels[A]!.segments);
  expect(final.frameCount).toBe(ice.frameCount);
});
