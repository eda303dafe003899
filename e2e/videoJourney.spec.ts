import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Browser } from '@playwright/test';
import { Wallet, formatUnits, parseUnits } from 'ethers';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { StoredVideoConsensus } from '../hub/consensus/storedConsensus';
import { DEFAULT_VIDEO_CONSENSUS_OPTIONS } from '../core/consensus/video/types';
import { iou } from '../core/geometry/box';
import type { CanonicalVideoLabels } from '../core/sync/canonicalVideo';
import { taskIdToBytes32 } from '../core/sync/labelBatch';
import { visibleBoxAtFrame } from '../core/video/interpolate';
import { call, signIn } from '../hub/testKit';
import { ANVIL_ACCOUNTS, ANVIL_DEPLOYER_KEY, connectRpc, fundTask, rewardsDistributorAt, testTokenAt } from '../native/chain';
import { COAST_CLIP, ICE_CLIP, writeRealClip, type RealClip } from './fixtures/realVideo';
import { LabelingPage } from './pages/LabelingPage';
import { NetworkPage } from './pages/NetworkPage';
import { NewProjectPage } from './pages/NewProjectPage';
import { ProjectListPage } from './pages/ProjectListPage';
import { PublishDialog } from './pages/PublishDialog';
import { VideoAnnotator } from './pages/VideoAnnotator';
import { VideoReviewPage } from './pages/VideoReviewPage';
import { claimOnChain, grantReviewer, servedRewards } from './support/hubActors';
import { startNetworkStack, type NetworkStack } from './support/networkStack';
import { clipLabels, keyframesOf, outsideFrameOf } from './support/videoLabels';
import { stepClock, verifyDataset } from './support/journeyKit';
import { labelAsVideoAnnotator, sha256Of } from './support/videoNetwork';
import { openWorkstation, startWorkstationHosts, type WorkstationHosts } from './support/workstation';

// Issue 14 part 7, the video journey. The requester publishes a project of two real clips from its workstation
// (Publish to hub…), and three annotators label the task
// (fixtures/realVideo.ts: x264 preset medium with B-frames, made from real photographs):
// - COAST, 20 s: a pan across Point Lobos (the rock in the surf tracked), a hard cut at frame 300,
//   a pan across a green hill (the trees on its crest tracked); two shots tagged coast / meadow;
// - ICE, 8 s: a pan across pack ice (one slab tracked), one shot tagged ice.
// A labels both clips in the app (download, the same frame engine, tracks drawn and dragged over
// frames, shots tagged, marked done, signed). B and C are simulated workstations signing with the
// workstation's own batch signing: B's rock track on COAST drifts off the rock (a growing offset),
// C tags ICE's shot as snow. With the defaults (core/consensus/video/types.ts): COAST is accepted and
// B does not agree with it (the drifting track is outvoted); on ICE C's segment agreement is 0, the
// mean 2/3 < segmentAcceptance 0.8, so ICE is disputed on its segments alone. A reviewer (not one of
// the three) resolves it in reviewer mode from the keyboard. The epoch closes; each is paid to the
// wei; the requester's export (CVAT for video, shots and tags, lineage) passes verify-dataset, and a changed byte fails it.

const TITLE = 'Coast and ice, tracked';
const CLASSES = ['rock', 'trees', 'ice'];
const R = parseUnits('1.5', 18);
const FEE = parseUnits('0.25', 18);
/** B's rock track slides right by this much per frame: 180 px by frame 299, off the rock after ~50 frames. */
const DRIFT_PX_PER_FRAME = 0.6;
const C_ICE_TAG = 'snow';
const KEYSTORE_PASSWORD = 'correct horse battery';
const ONE_ETH = 10n ** 18n;


let stack: NetworkStack | null = null;
let workstations: WorkstationHosts | null = null;
let workDir = '';
let coast: RealClip;
let ice: RealClip;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  workDir = await mkdtemp(path.join(os.tmpdir(), 'groundwork-video-journey-'));
  // Clips, the chain-and-hub stack and two browser hosts (annotator A, the reviewer) side by side; whatever started is stopped in afterAll.
  const [clips, started, hosts] = await Promise.allSettled([
    Promise.all([writeRealClip(COAST_CLIP, path.join(workDir, 'clips')), writeRealClip(ICE_CLIP, path.join(workDir, 'clips'))]),
    startNetworkStack(),
    startWorkstationHosts('video-journey', ['requester', 'annotator', 'reviewer']),
  ]);
  if (started.status === 'fulfilled') stack = started.value;
  if (hosts.status === 'fulfilled') workstations = hosts.value;
  if (clips.status === 'fulfilled') [coast, ice] = clips.value;
  for (const r of [clips, started, hosts]) if (r.status === 'rejected') throw r.reason;
});

test.afterAll(async () => {
  await workstations?.stop();
  workstations = null;
  await stack?.stop();
  stack = null;
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/**
 * The requester's workstation: its wallet imported from `requester`'s keystore, connected; a video project of the
 * clips folder; Publish to hub… with the journey's terms (the budget shown at multiplier 1 first). Returns the task id.
 */
async function publishFromWorkstation(browser: Browser, requester: Wallet, clipsDir: string): Promise<string> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await new ProjectListPage(page).open(workstations!.hosts[0]!.url);
    const network = await new NetworkPage(page).open();
    await page.getByTestId('wallet-import-file').setInputFiles({ name: 'requester.json', mimeType: 'application/json', buffer: Buffer.from(await requester.encrypt(KEYSTORE_PASSWORD)) });
    await page.getByTestId('wallet-password').fill(KEYSTORE_PASSWORD);
    await page.getByTestId('wallet-import').click();
    await expect(network.walletAddress).toHaveText(requester.address, { timeout: 60_000 });
    await network.connectHub(stack!.hub.url, stack!.anvil.rpcUrl);
    await page.getByTestId('back-to-projects').click();
    await page.getByTestId('new-project-button').click();
    const intake = new NewProjectPage(page);
    await intake.scan(clipsDir, TITLE);
    await intake.setClasses(CLASSES);
    await intake.create();
    await new LabelingPage(page).waitUntilReady();
    const dialog = await new PublishDialog(page).open();
    await expect(dialog.hub).toHaveValue(stack!.hub.url);
    // Video thresholds offered with core's defaults, kept.
    for (const [key, value] of Object.entries(DEFAULT_VIDEO_CONSENSUS_OPTIONS)) await expect(dialog.dialog.getByTestId(`publish-consensus-${key}`)).toHaveValue(String(value));
    await dialog.fill({ title: TITLE, redundancy: '3', reward: formatUnits(R, 18), reviewerFee: formatUnits(FEE, 18), level: '0' });
    await expect(dialog.dialog).toContainText('2 videos');
    await expect(dialog.budget).toHaveAttribute('data-value', (2n * (3n * R + FEE)).toString());
    const published = await dialog.publish();
    expect(published).toMatchObject({ uploaded: 2, skipped: 0 });
    return published.taskId;
  } finally {
    await context.close();
  }
}

/** A careful annotator's labels of the clip (no single-frame boxes). */
const labelsOf = (clip: RealClip, video: CanonicalVideoLabels = clipLabels(clip)) => ({ shapes: [], video });

/** Every frame of each truth object: the consensus track's box overlaps the known box at IoU ≥ `min`. */
function expectTracksFollowTruth(clip: RealClip, video: CanonicalVideoLabels, min: number): void {
  expect(video.tracks.map((t) => t.className).sort()).toEqual(clip.objects.map((o) => o.className).sort());
  for (const object of clip.objects) {
    const track = video.tracks.find((t) => t.className === object.className)!;
    let worst = 1;
    for (let f = object.firstFrame; f <= object.lastFrame; f++) {
      const shown = visibleBoxAtFrame(track, f);
      worst = Math.min(worst, shown ? iou(shown, object.boxAt(f)) : 0);
    }
    expect(worst, `${object.className}: the least IoU with the known box over frames ${object.firstFrame}–${object.lastFrame}`).toBeGreaterThanOrEqual(min);
    const outside = outsideFrameOf(clip, object);
    if (outside !== null) expect(visibleBoxAtFrame(track, outside), `${object.className} is out of view from the cut on`).toBeNull();
  }
}

/** The tracks of a CVAT-for-video annotations.xml, as canonical tracks (keyframes only, as CVAT writes them). */
function cvatTracks(xml: string, frameCount: number): CanonicalVideoLabels {
  const tracks = [...xml.matchAll(/<track [^>]*label="([^"]+)"[^>]*>([\s\S]*?)<\/track>/g)].map(([, className, body]) => ({
    className: className!,
    keyframes: [...body!.matchAll(/<box ([^>]*)\/>/g)].map(([, attrs]) => {
      const attr = (name: string) => Number(new RegExp(`\\b${name}="([^"]+)"`).exec(attrs!)![1]);
      const box = { x: attr('xtl'), y: attr('ytl'), w: attr('xbr') - attr('xtl'), h: attr('ybr') - attr('ytl') };
      return { frame: attr('frame'), box, ...(attr('outside') === 1 ? { outside: true as const } : {}) };
    }),
  }));
  return { frameCount, tracks, frameTags: [], segments: [] };
}

test('three annotators label two real clips; the drifting track is outvoted, the retagged shot is disputed and resolved in reviewer mode; everyone is paid to the wei; the video export verifies', async ({ browser }) => {
  test.setTimeout(600_000);
  const { hub, anvil, chain } = stack!;
  const provider = connectRpc(anvil.rpcUrl);
  const token = testTokenAt(chain.token, provider);
  const rewards = rewardsDistributorAt(chain.rewards, provider);
  const balanceOf = async (account: string) => (await token.balanceOf(account)) as bigint;
  const step = stepClock('video journey');
  try {
    // ---- The requester (anvil account 1, the stack's requester, its keystore imported into its workstation) makes a
    // project of the two clips and publishes it from the app (Publish to hub…, k = 3, the default thresholds), then funds
    // the task's pool on chain with the most it can cost.
    step('publish');
    const requester = new Wallet(ANVIL_ACCOUNTS[1].privateKey, provider);
    const taskId = await publishFromWorkstation(browser, requester, path.join(workDir, 'clips'));
    const task = taskIdToBytes32(taskId);
    // The most it can cost: per item, k rewards at the highest reputation multiplier and one reviewer fee.
    const maxMultiplierPercent = BigInt(Math.round(hub.context.config.multiplierBounds.max * 100));
    const maxSpend = 2n * ((3n * R * maxMultiplierPercent) / 100n + FEE);
    await fundTask(requester, chain.rewards, chain.token, task, maxSpend);
    expect((await rewards.poolOf(task))[3]).toBe(maxSpend);
    const operator = await signIn(hub, new Wallet(ANVIL_DEPLOYER_KEY));
    const requesterToken = await signIn(hub, requester);
    const shown = await call<Record<string, unknown>>(hub, 'GET', `/tasks/${taskId}`, { token: operator });
    expect(shown.body).toMatchObject({ title: TITLE, itemCount: 2, requester: requester.address, redundancy: 3, rewardPerItem: R.toString(), reviewerFee: FEE.toString(), consensus: DEFAULT_VIDEO_CONSENSUS_OPTIONS });
    const coastSha = sha256Of(await readFile(coast.path));
    const iceSha = sha256Of(await readFile(ice.path));
    const items = async () => {
      const page = await call<{ items: { itemId: string; sha256: string; status: string; submissions: number }[] }>(hub, 'GET', `/tasks/${taskId}/items`, { token: requesterToken });
      expect(page.status).toBe(200);
      return Object.fromEntries(page.body.items.map((i) => [i.sha256 === coastSha ? 'coast' : i.sha256 === iceSha ? 'ice' : i.sha256, i]));
    };
    const ids = Object.fromEntries(Object.entries(await items()).map(([k, v]) => [k, v.itemId]));
    expect(Object.keys(ids).sort()).toEqual(['coast', 'ice']);

    // ---- B and C: simulated workstations, each its own key, signing through the workstation's batch signing.
    step('annotators B and C');
    const clipOf = (sha: string) => (sha === coastSha ? coast : sha === iceSha ? ice : null);
    const b = await labelAsVideoAnnotator(hub.url, taskId, (item) => {
      const clip = clipOf(item.sha256)!;
      expect(item.video).toEqual({ frameCount: clip.frameCount, fps: clip.fps });
      return labelsOf(clip, clipLabels(clip, clip === coast ? { drift: { className: 'rock', pxPerFrame: DRIFT_PX_PER_FRAME } } : {}));
    });
    const c = await labelAsVideoAnnotator(hub.url, taskId, (item) => {
      const clip = clipOf(item.sha256)!;
      return labelsOf(clip, clipLabels(clip, clip === ice ? { retag: { startFrame: 0, tag: C_ICE_TAG } } : {}));
    });
    expect(b.summary?.itemCount).toBe(2);
    expect(Object.values(await items()).map((i) => [i.status, i.submissions])).toEqual([['open', 2], ['open', 2]]);

    // ---- A labels both clips in the app: download, the frame engine finds the cut, tracks over frames, shots tagged, done, signed.
    step('annotator A labels in the app');
    const a = await openWorkstation(browser, workstations!.hosts[1]!, hub.url, anvil.rpcUrl);
    await a.network.downloadAndOpen(TITLE);
    const labeling = await new LabelingPage(a.page).waitUntilReady();
    await expect(labeling.itemRows).toHaveCount(2, { timeout: 60_000 });
    const annotator = new VideoAnnotator(a.page);
    for (const [clip, sha] of [[coast, coastSha], [ice, iceSha]] as const) {
      const relPath = (await a.page.locator(`[data-testid="item-row"][data-rel-path^="${sha}"]`).getAttribute('data-rel-path'))!;
      await labeling.openItem(relPath);
      await annotator.video.waitUntilOpen();
      await expect(a.page.getByTestId('frame-number')).toBeVisible();
      await expect(a.page.getByTestId('timeline')).toHaveAttribute('data-frame-count', String(clip.frameCount), { timeout: 30_000 });
      // The shots pass on the real encode: exactly the cuts the clip was made with.
      await expect(annotator.video.segments).toHaveCount(clip.segments.length, { timeout: 60_000 });
      expect(await annotator.video.segmentRanges()).toEqual(clip.segments.map((s) => [s.startFrame, s.endFrame]));
      for (const object of clip.objects) await annotator.track(object.className, keyframesOf(object), outsideFrameOf(clip, object));
      for (const segment of clip.segments) await annotator.tagShot(segment.startFrame, segment.tag);
      await a.page.getByTestId('mark-done-button').click();
      await expect(labeling.item(relPath)).toHaveAttribute('data-status', 'done');
    }
    await labeling.expectAllSaved();
    await a.network.open();
    expect(await a.network.submitAndSign()).toMatchObject({ itemCount: '2', hub: hub.url });
    await expect(a.network.outboxRows.first()).toHaveAttribute('data-state', 'accepted', { timeout: 60_000 });

    // ---- Consensus, read from the hub's API: COAST accepted without the drifter, ICE disputed on its segments.
    step('consensus');
    await hub.context.consensusIdle();
    expect(Object.fromEntries(Object.entries(await items()).map(([k, v]) => [k, v.status]))).toEqual({ coast: 'accepted', ice: 'disputed' });
    const decision = async (itemId: string) => {
      const got = await call<{ status: string; consensus: StoredVideoConsensus }>(hub, 'GET', `/items/${itemId}`, { token: operator });
      expect(got.status).toBe(200);
      return got.body.consensus;
    };
    const A = a.address.toLowerCase();
    const B = b.address.toLowerCase();
    const C = c.address.toLowerCase();
    const lower = (xs: string[]) => xs.map((x) => x.toLowerCase()).sort();
    const coastDoc = await decision(ids.coast!);
    expect(coastDoc).toMatchObject({ kind: 'video', status: 'accepted', disputedParts: [] });
    expect(lower(coastDoc.agreeingAnnotators)).toEqual([A, C].sort());
    // The drifter's rock track matched no one: alone in its cluster, not accepted; its IDF1 below the task's trackAcceptance.
    const drifted = coastDoc.trackClusters.filter((t) => !t.accepted);
    expect(drifted.map((t) => lower(t.members.map((m) => m.annotator)))).toEqual([[B]]);
    expect(coastDoc.annotators.find((x) => x.annotator.toLowerCase() === B)!.idf1).toBeLessThan(DEFAULT_VIDEO_CONSENSUS_OPTIONS.trackAcceptance);
    expect(coastDoc.scores.segments).toBe(1);
    // The consensus tracks follow the known boxes on every frame (A's and C's tracks, not B's drift), and go out of view at the cut.
    expectTracksFollowTruth(coast, coastDoc.video, 0.95);
    expect(coastDoc.video.segments).toEqual(coast.segments.map((s) => ({ startFrame: s.startFrame, endFrame: s.endFrame, tags: [s.tag] })));
    const iceDoc = await decision(ids.ice!);
    expect(iceDoc).toMatchObject({ kind: 'video', status: 'disputed', disputedParts: ['segments'] });
    expect(iceDoc.scores).toMatchObject({ tracks: 1, segments: 2 / 3 });
    expect(iceDoc.annotators.find((x) => x.annotator.toLowerCase() === C)!.segmentAgreement).toBe(0);
    // The annotators see only their own work until an item is final: B learns COAST's outcome, nobody ICE's.
    const bToken = await signIn(hub, b.wallet);
    const cToken = await signIn(hub, c.wallet);
    const yours = async (tokenOf: string, itemId: string) => (await call<{ yourSubmission?: { agreesWithFinal: boolean | null } }>(hub, 'GET', `/items/${itemId}`, { token: tokenOf })).body.yourSubmission;
    expect(await yours(bToken, ids.coast!)).toEqual({ submitted: true, agreesWithFinal: false });
    expect(await yours(cToken, ids.coast!)).toEqual({ submitted: true, agreesWithFinal: true });
    expect(await yours(cToken, ids.ice!)).toEqual({ submitted: true, agreesWithFinal: null });

    // ---- The reviewer (a fourth wallet, granted the role) resolves ICE in reviewer mode from the keyboard.
    step('review');
    const reviewer = await openWorkstation(browser, workstations!.hosts[2]!, hub.url, anvil.rpcUrl);
    expect([A, B, C]).not.toContain(reviewer.address.toLowerCase());
    await grantReviewer(hub, ANVIL_DEPLOYER_KEY, reviewer.address);
    const review = new VideoReviewPage(reviewer.page);
    await review.open(ids.ice!);
    // The tracks were agreed: the slab's track starts as the merged one; the segmentation waits for a decision.
    expect(await review.partStates()).toEqual([['track', 'merged'], ['segments', 'undecided']]);
    await expect(reviewer.page.getByTestId('review-open-count')).toHaveAttribute('data-value', '1');
    // Every part from the keyboard: M keeps the merged track, Tab, then A's letter takes the shot A tagged "ice" in the app.
    await review.focusCanvas();
    await review.decide(0, 'm', 'merged');
    await review.nextPart(1);
    await review.decide(1, await review.letterOf(a.address), 'annotator');
    const verdict = await review.submitFromKeyboard();
    expect(verdict).toEqual({ item: ids.ice, tracks: '1 (2 keyframes)', segments: `1 over ${ice.frameCount} frames` });
    await expect(reviewer.page.locator('[data-testid="outbox-row"][data-kind="verdict"]')).toHaveAttribute('data-state', 'accepted', { timeout: 60_000 });
    expect((await items()).ice!.status).toBe('resolved');
    const resolved = await decision(ids.ice!);
    expect(resolved.video.segments).toEqual([{ startFrame: 0, endFrame: ice.frameCount - 1, tags: [ice.segments[0]!.tag] }]);
    expectTracksFollowTruth(ice, resolved.video, 0.95);
    expect(await yours(cToken, ids.ice!)).toEqual({ submitted: true, agreesWithFinal: false });
    expect(await yours(bToken, ids.ice!)).toEqual({ submitted: true, agreesWithFinal: true });

    // ---- The epoch closes. Each agreement pays R (newcomers: 1× in their first epoch), the verdict pays the fee.
    step('epoch');
    const epoch = await hub.closeEpoch();
    expect(epoch.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(epoch.heldForFunds ?? []).toEqual([]);
    const owed: Record<string, bigint> = { [A]: 2n * R, [B]: R, [C]: R, [reviewer.address.toLowerCase()]: FEE };
    for (const [account, amount] of Object.entries(owed)) expect((await servedRewards(hub, account)).cumulative, account).toBe(amount.toString());
    const allocated = 4n * R + FEE;
    expect((await rewards.poolOf(task))[4]).toBe(allocated);

    // ---- Claims: A in the app, B and C with their keys on chain; token balances move by exactly what each is owed.
    step('claims');
    const accounts = { a: a.address, b: b.address, c: c.address, reviewer: reviewer.address };
    for (const account of Object.values(accounts)) await provider.send('anvil_setBalance', [account, '0xDE0B6B3A7640000']);
    const balances = async () => Object.fromEntries(await Promise.all(Object.entries(accounts).map(async ([k, account]) => [k, await balanceOf(account)] as const)));
    const before = await balances();
    const contractBefore = await balanceOf(chain.rewards);
    await a.page.getByTestId('rewards-refresh').click();
    await expect(a.network.claimable).toHaveAttribute('data-value', (2n * R).toString());
    expect(await a.network.claim()).toMatch(/^0x[0-9a-f]{64}$/);
    if (!(await reviewer.page.getByTestId('network-view').isVisible())) await reviewer.network.open();
    await reviewer.page.getByTestId('rewards-refresh').click();
    await expect(reviewer.network.claimable).toHaveAttribute('data-value', FEE.toString());
    expect(await reviewer.network.claim()).toMatch(/^0x[0-9a-f]{64}$/);
    await claimOnChain(hub, provider, chain.rewards, b.wallet);
    await claimOnChain(hub, provider, chain.rewards, c.wallet);
    const after = await balances();
    expect(Object.fromEntries(Object.keys(accounts).map((k) => [k, after[k]! - before[k]!]))).toEqual({ a: 2n * R, b: R, c: R, reviewer: FEE });
    // The pool paid out exactly what it allocated; what was never allocated stays in it for the requester.
    expect(contractBefore - (await balanceOf(chain.rewards))).toBe(allocated);
    const [, , , deposited, allocatedOnChain, paid] = await rewards.poolOf(task);
    expect([deposited, allocatedOnChain, paid]).toEqual([maxSpend, allocated, allocated]);

    // ---- The requester downloads the export as CVAT for video (tracks, plus each clip's shots and tags) with lineage;
    // verify-dataset passes on it, one changed byte fails it and names the item.
    step('export and verify');
    const res = await fetch(`${hub.url}/tasks/${taskId}/export?format=cvat-video`, { headers: { authorization: `Bearer ${requesterToken}` } });
    expect(res.status).toBe(200);
    const zip = new Uint8Array(await res.arrayBuffer());
    const files = unzipSync(zip);
    const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as Record<string, unknown>;
    expect(manifest).toMatchObject({ taskId, format: 'cvat-video', redundancy: 3, counts: { accepted: 1, resolved: 1, disputed: 0 }, videoConsensus: DEFAULT_VIDEO_CONSENSUS_OPTIONS });
    const lineage = strFromU8(files['lineage.jsonl']!).trim().split('\n').map((l) => JSON.parse(l) as { itemId: string; status: string });
    expect(lineage.map((l) => [l.itemId, l.status]).sort()).toEqual([[ids.coast, 'accepted'], [ids.ice, 'resolved']].sort());
    for (const clip of [coast, ice]) {
      const folder = `dataset/${path.parse(clip.spec.fileName).name}`;
      const tags = JSON.parse(strFromU8(files[`${folder}/tags.json`]!)) as { video: { frameCount: number }; segments: unknown[] };
      expect(tags.video.frameCount).toBe(clip.frameCount);
      expect(tags.segments, `${clip.spec.fileName}: the final shots and tags`).toEqual(clip.segments.map((s) => ({ startFrame: s.startFrame, endFrame: s.endFrame, tags: [s.tag] })));
      expectTracksFollowTruth(clip, cvatTracks(strFromU8(files[`${folder}/annotations.xml`]!), clip.frameCount), 0.95);
    }
    const zipPath = path.join(workDir, 'export-cvat-video.zip');
    await writeFile(zipPath, zip);
    const ok = await verifyDataset([zipPath, '--rpc', anvil.rpcUrl, '--hub', hub.url]);
    expect(ok.output).toMatch(/format cvat-video, k = 3/);
    expect(ok.output).toMatch(/items: 1 accepted, 1 resolved by a verdict, 0 disputed/);
    expect(ok.output).toMatch(/ledgers: 1 epoch .*2 items paid as the ledgers say, 0 final items not rewarded yet/);
    expect(ok.output).toMatch(/^OK: every signature/m);
    expect(ok.code, ok.output).toBe(0);
    console.log(`video journey verify-dataset:\n${ok.output.trim()}`);

    step('tamper');
    // One byte: the first digit of the first box's top edge in COAST's annotations.xml (the rock on frame 0 moves down 10 px and shrinks).
    const coastXml = `dataset/${path.parse(coast.spec.fileName).name}/annotations.xml`;
    const xml = strFromU8(files[coastXml]!);
    const at = xml.indexOf('ytl="') + 'ytl="'.length;
    const tampered = `${xml.slice(0, at)}${(Number(xml[at]) + 1) % 10}${xml.slice(at + 1)}`;
    expect(tampered.length).toBe(xml.length);
    const tamperedPath = path.join(workDir, 'tampered.zip');
    await writeFile(tamperedPath, zipSync({ ...files, [coastXml]: strToU8(tampered) }));
    const bad = await verifyDataset([tamperedPath]);
    expect(bad.code, bad.output).toBe(1);
    expect(bad.output).toMatch(/^FAILED: 1 problem/m);
    expect(bad.output).toContain(`item ${ids.coast} [dataset]`);
    expect(bad.output).toMatch(/track "rock" .*the dataset has frame 0 .* where the lineage's labels have frame 0/);
    console.log(`video journey, one byte of COAST's annotations.xml changed:\n${bad.output.trim()}`);
    step('end');
  } finally {
    provider.destroy();
  }
});
