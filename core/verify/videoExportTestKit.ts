import { recoverAddress, Wallet, type HDNodeWallet } from 'ethers';
import { formVideoConsensus, resolveVideoConsensusOptions, videoAgreesWith, type VideoConsensusResult, type VideoLabels } from '../consensus';
import type { VideoFormatId } from '../formats/video';
import { itemLabelHash, type CanonicalShape } from '../sync/canonicalLabels';
import type { CanonicalVideoLabels } from '../sync/canonicalVideo';
import { groundworkDomain } from '../sync/eip712';
import { batchLeaves, buildLabelBatch, itemIdToBytes32, labelBatchDigest, taskIdToBytes32 } from '../sync/labelBatch';
import { merkleProof } from '../sync/merkle';
import { verdictDigest } from '../sync/verdict';
import type { FormatFile } from '../formats';
import { DATASET_DIR, DISPUTED_DIR, EXPORT_SCHEMA, LINEAGE_FILE, MANIFEST_FILE, type ExportManifest, type LineageLine, type LineageSubmission } from './exportFiles';
import { videoDatasetFiles } from './videoDatasetFiles';

/**
 * A video task's export built in memory the way the hub builds it (real
 * EIP-712 signatures by three wallets, core's batch tree, core's video
 * consensus, the dataset written by videoDatasetFiles), for verify's own
 * tests; hub/export/videoExport.test.ts checks one a real hub made. Items:
 * `agreed` (three identical labelings: accepted), `resolved` (segments and
 * tags disagree, a reviewer signs the first annotator's labels) and
 * `disputed` (left open).
 */
export const VIDEO_TASK = 'task-video';
const FRAMES = 60;
const DOMAIN = groundworkDomain({ chainId: 31337, verifyingContract: '0x5FbDB2315678afecb367f032d93F642f64180aa3' });
const CLASSES = ['car', 'person', 'sign', 'night'];

export const recoverSigner = (digest: string, signature: string) => recoverAddress(digest, signature);

function labelsOf(variant: 'base' | 'late-cut' | 'no-tag'): VideoLabels {
  const video: CanonicalVideoLabels = {
    frameCount: FRAMES,
    tracks: [
      {
        className: 'car',
        keyframes: [
          { frame: 0, box: { x: 10, y: 10, w: 40, h: 30 }, attributes: { occluded: true } },
          { frame: 30, box: { x: 70, y: 40, w: 40, h: 30 } },
          { frame: 45, box: { x: 70, y: 40, w: 40, h: 30 }, outside: true },
        ],
      },
      { className: 'person', keyframes: [{ frame: 5, box: { x: 200, y: 100, w: 20, h: 50 }, attributes: { visibility: 0.5 } }, { frame: 50, box: { x: 230, y: 100, w: 20, h: 50 } }] },
    ],
    frameTags: variant === 'no-tag' ? [] : [{ className: 'night', startFrame: 0, endFrame: 29 }],
    segments:
      variant === 'late-cut'
        ? [{ startFrame: 0, endFrame: 39, tags: ['street'] }, { startFrame: 40, endFrame: 59, tags: ['park'] }]
        : [{ startFrame: 0, endFrame: 19, tags: ['street'] }, { startFrame: 20, endFrame: 59, tags: ['park'] }],
  };
  const shapes: CanonicalShape[] = [{ className: 'sign', box: { x: 300, y: 20, w: 15, h: 15 }, frame: 10 }];
  return { shapes, video };
}

export const ITEMS = { agreed: 'itm-agreed', resolved: 'itm-resolved', disputed: 'itm-disputed' } as const;
const VARIANTS: Record<string, ('base' | 'late-cut' | 'no-tag')[]> = {
  [ITEMS.agreed]: ['base', 'base', 'base'],
  [ITEMS.resolved]: ['base', 'no-tag', 'late-cut'],
  [ITEMS.disputed]: ['late-cut', 'no-tag', 'base'],
};

interface Built {
  annotators: HDNodeWallet[];
  reviewer: HDNodeWallet;
  submissions: Map<string, LineageSubmission[]>;
}

function signedSubmissions(): Built {
  const annotators = [0, 1, 2].map(() => Wallet.createRandom());
  const submissions = new Map<string, LineageSubmission[]>();
  annotators.forEach((wallet, a) => {
    const items = Object.keys(VARIANTS).map((itemId) => ({ itemId, ...labelsOf(VARIANTS[itemId]![a]!) }));
    const { batch, items: canonical } = buildLabelBatch({ annotator: wallet.address, taskId: VIDEO_TASK, items, nonce: a + 1, deadline: 4_000_000_000 });
    const digest = labelBatchDigest(DOMAIN, batch);
    const signature = wallet.signingKey.sign(digest).serialized;
    const leaves = batchLeaves(canonical);
    canonical.forEach((item) => {
      const index = leaves.findIndex((l) => l.itemId === item.itemId);
      const list = submissions.get(item.itemId) ?? [];
      list.push({
        annotator: wallet.address,
        labelHash: leaves[index]!.hash,
        shapes: item.shapes,
        video: item.video!,
        batch: { root: batch.root, itemCount: batch.itemCount, nonce: batch.nonce, deadline: batch.deadline, digest },
        signature,
        proof: merkleProof(leaves.map((l) => l.hash), index),
      });
      submissions.set(item.itemId, list);
    });
  });
  for (const list of submissions.values()) list.sort((x, y) => (x.annotator.toLowerCase() < y.annotator.toLowerCase() ? -1 : 1));
  return { annotators, reviewer: Wallet.createRandom(), submissions };
}

function consensusOf(result: VideoConsensusResult, agreeingAnnotators: string[]): LineageLine['consensus'] {
  return {
    status: result.status,
    score: result.score,
    annotators: result.annotators.map((a) => ({ annotator: a.annotator, agreement: Math.min(a.idf1, a.tagAgreement, a.segmentAgreement), idf1: a.idf1, tagAgreement: a.tagAgreement, segmentAgreement: a.segmentAgreement })),
    agreeingAnnotators,
    scores: result.scores,
    disputedParts: result.disputedParts,
  };
}

function lineOf(itemId: string, built: Built): LineageLine {
  const subs = built.submissions.get(itemId)!;
  const options = resolveVideoConsensusOptions();
  const result = formVideoConsensus(subs.map((s) => ({ annotator: s.annotator, shapes: s.shapes, video: s.video! })), options);
  const image = { fileName: `clips/${itemId}.mp4`, width: 640, height: 360 };
  if (itemId !== ITEMS.resolved) {
    const final = result.labels;
    const agreeing = result.status === 'accepted' ? subs.filter((s) => videoAgreesWith({ shapes: s.shapes, video: s.video! }, final, options)).map((s) => s.annotator) : [];
    return { itemId, image, status: result.status, labels: final.shapes, video: final.video, labelsHash: itemLabelHash(itemId, final.shapes, final.video), consensus: consensusOf(result, agreeing), submissions: subs, verdict: null };
  }
  const final = { shapes: [...subs[0]!.shapes], video: subs[0]!.video! };
  const labelsHash = itemLabelHash(itemId, final.shapes, final.video);
  const verdict = { reviewer: built.reviewer.address, task: taskIdToBytes32(VIDEO_TASK), item: itemIdToBytes32(itemId), labelsHash, nonce: '1', deadline: 4_000_000_000 };
  const digest = verdictDigest(DOMAIN, verdict);
  const agreeing = subs.filter((s) => videoAgreesWith({ shapes: s.shapes, video: s.video! }, final, options)).map((s) => s.annotator);
  return {
    itemId,
    image,
    status: 'resolved',
    labels: final.shapes,
    video: final.video,
    labelsHash,
    consensus: consensusOf(result, agreeing),
    submissions: subs,
    verdict: { reviewer: verdict.reviewer, labelsHash, nonce: verdict.nonce, deadline: verdict.deadline, digest, signature: built.reviewer.signingKey.sign(digest).serialized },
  };
}

/** The export in `format`, disputed items included; also its lines. */
export function buildVideoExport(format: VideoFormatId): { files: FormatFile[]; lines: LineageLine[] } {
  const built = signedSubmissions();
  const lines = Object.values(ITEMS).map((id) => lineOf(id, built));
  const final = lines.filter((l) => l.status !== 'disputed');
  const disputed = lines.filter((l) => l.status === 'disputed');
  const manifest: ExportManifest = {
    schema: EXPORT_SCHEMA,
    taskId: VIDEO_TASK,
    task: taskIdToBytes32(VIDEO_TASK),
    title: 'Video task',
    format,
    domain: { ...DOMAIN, chainId: 31337 },
    redundancy: 3,
    iouThreshold: 0.5,
    disputed: 'include',
    counts: { accepted: final.filter((l) => l.status === 'accepted').length, resolved: final.filter((l) => l.status === 'resolved').length, disputed: disputed.length },
    videoConsensus: resolveVideoConsensusOptions(),
  };
  const files: FormatFile[] = [
    { path: MANIFEST_FILE, content: JSON.stringify(manifest) },
    { path: LINEAGE_FILE, content: lines.map((l) => `${JSON.stringify(l)}\n`).join('') },
    ...videoDatasetFiles(format, CLASSES, final).map((f) => ({ path: `${DATASET_DIR}/${f.path}`, content: f.content })),
    ...videoDatasetFiles(format, CLASSES, disputed).map((f) => ({ path: `${DISPUTED_DIR}/${f.path}`, content: f.content })),
  ];
  return { files, lines };
}
