import type { TaskConsensusOptions } from '../../core/hubApi/tasks';
import type { Project } from '../../core/model/project';
import type { CanonicalShape } from '../../core/sync/canonicalLabels';
import { sortCanonicalShapes } from '../../core/sync/canonicalLabels';
import { toCanonicalShapes } from '../../core/sync/fromProjectShapes';
import type { PublishJobParams } from '../../electron/common/services/jobsService';
import type { LabelStore } from '../store/labelStore';
import { readItemShapes } from '../store/shapeRows';

/** One image of the project as the task will list it. */
export interface PublishImage {
  relPath: string;
  width: number;
  height: number;
  sha256: string;
}

/** One video of the project: its frame count and rate from this workstation's own probe (intake). */
export interface PublishVideo extends PublishImage {
  frameCount: number;
  fps: number;
}

/** What a project offers to publish: its images and its videos in order, and the items the requester labeled. */
export interface PublishSource {
  images: PublishImage[];
  videos: PublishVideo[];
  hasVideo: boolean;
  /** Items marked done, with their shapes in core's canonical form (class names): the honeypots' known answers. */
  labeled: { relPath: string; shapes: CanonicalShape[] }[];
}

/**
 * Reads the project for publishing. Labeled = marked done, like "Submit" of
 * a hub task: the requester's finished answer (an empty one included — "no
 * objects here" is an answer). Pre-labels still pending review are not the
 * requester's answer and are left out, as they are from a submitted batch.
 */
export async function loadPublishSource(store: LabelStore, project: Project): Promise<PublishSource> {
  // Edits still in flight in open documents must be in IndexedDB before the shapes are read.
  await Promise.all((await store.openDocuments(project.id)).map((doc) => doc.whenDurable()));
  const items = (await store.listItems(project.id)).sort((a, b) => a.order - b.order);
  const images = items.filter((i) => i.kind === 'image').map((i) => ({ relPath: i.relPath, width: i.width, height: i.height, sha256: i.sha256 }));
  const videos = items
    .filter((i) => i.kind === 'video' && i.video)
    .map((i) => ({ relPath: i.relPath, width: i.width, height: i.height, sha256: i.sha256, frameCount: i.video!.frameCount, fps: i.video!.fps }));
  const labeled: PublishSource['labeled'] = [];
  for (const item of items) {
    if (item.kind !== 'image' || item.status !== 'done') continue;
    const { shapes } = await readItemShapes(store.db, item.id);
    const answered = shapes.filter((s) => s.prelabel?.review !== 'pending');
    try {
      labeled.push({ relPath: item.relPath, shapes: sortCanonicalShapes(toCanonicalShapes(answered, project.labelSchema)) });
    } catch (error) {
      throw new Error(`${item.relPath}: ${(error as Error).message}`);
    }
  }
  return { images, videos, hasVideo: videos.length > 0, labeled };
}

/** The form's terms, amounts already in wei (the dialog converts them with the token's decimals read by the host). */
export interface PublishTerms {
  title: string;
  instructions: string;
  redundancy: string;
  level: string;
  /** A `datetime-local` value (the user's time zone) or ''. */
  deadline: string;
  rewardPerItemWei: string | null;
  reviewerFeeWei: string | null;
  /** A video task's agreement thresholds, already checked (consensusTerms.ts); absent for an image task. */
  consensus?: TaskConsensusOptions;
}

export interface TermsProblem {
  field: 'title' | 'instructions' | 'redundancy' | 'level' | 'deadline' | 'reward' | 'reviewerFee' | 'examples';
  message: string;
}

const MAX_EXAMPLES = 20;
const MAX_INSTRUCTIONS_BYTES = 20_000;
const MIN_DEADLINE_AHEAD_MS = 60_000;
/** The hub's bound (tasks/taskLimits.ts), checked here to say it before any upload. */
const MAX_DEADLINE_AHEAD_MS = 3 * 365 * 24 * 3600_000;

/** Every problem of the terms at once, each naming its field (the hub checks again; this says it before any upload). */
export function checkTerms(terms: PublishTerms, examples: number, now: number): TermsProblem[] {
  const problems: TermsProblem[] = [];
  if (terms.title.trim() === '') problems.push({ field: 'title', message: 'give the task a title' });
  else if (terms.title.trim().length > 200) problems.push({ field: 'title', message: 'the title is longer than 200 characters' });
  if (new TextEncoder().encode(terms.instructions).byteLength > MAX_INSTRUCTIONS_BYTES) problems.push({ field: 'instructions', message: `the instructions are longer than ${MAX_INSTRUCTIONS_BYTES} bytes` });
  const k = Number(terms.redundancy);
  if (!/^\d+$/.test(terms.redundancy.trim()) || k < 1 || k > 15) problems.push({ field: 'redundancy', message: 'redundancy k is a whole number from 1 to 15 (annotators per item)' });
  const level = Number(terms.level);
  if (!/^\d+$/.test(terms.level.trim()) || level > 100) problems.push({ field: 'level', message: 'the level is a whole number from 0 to 100' });
  if (terms.rewardPerItemWei === null || BigInt(terms.rewardPerItemWei) <= 0n) problems.push({ field: 'reward', message: 'the reward per item must be an amount of tokens greater than 0, e.g. 0.5' });
  if (terms.reviewerFeeWei === null) problems.push({ field: 'reviewerFee', message: 'the reviewer fee must be an amount of tokens, e.g. 0 or 0.2' });
  if (terms.deadline !== '') {
    const at = new Date(terms.deadline).getTime();
    if (Number.isNaN(at)) problems.push({ field: 'deadline', message: 'the deadline is not a date and time' });
    else if (at < now + MIN_DEADLINE_AHEAD_MS) problems.push({ field: 'deadline', message: 'the deadline must be at least a minute from now' });
    else if (at > now + MAX_DEADLINE_AHEAD_MS) problems.push({ field: 'deadline', message: 'the deadline may be at most three years away (a pool cannot be locked for longer)' });
  }
  if (examples > MAX_EXAMPLES) problems.push({ field: 'examples', message: `choose at most ${MAX_EXAMPLES} example images` });
  return problems;
}

/** The most the task can cost at multiplier 1: every item paid to k annotators, plus a reviewer fee per item. */
export function maxBudgetWei(items: number, redundancy: number, rewardPerItemWei: string, reviewerFeeWei: string): bigint {
  return BigInt(items) * (BigInt(redundancy) * BigInt(rewardPerItemWei) + BigInt(reviewerFeeWei));
}

/** The 'publish' job's parameters (terms already checked). */
export function publishParams(input: {
  hubUrl: string;
  project: Project;
  source: PublishSource;
  terms: PublishTerms;
  examples: readonly string[];
  useHoneypots: boolean;
  republish: boolean;
}): PublishJobParams {
  const { terms } = input;
  return {
    kind: 'publish',
    hubUrl: input.hubUrl,
    projectId: input.project.id,
    rootId: input.project.rootId,
    items: [
      ...input.source.images.map((i) => ({ relPath: i.relPath, fileName: i.relPath, width: i.width, height: i.height, sha256: i.sha256 })),
      ...input.source.videos.map((v) => ({ relPath: v.relPath, fileName: v.relPath, width: v.width, height: v.height, sha256: v.sha256, video: { frameCount: v.frameCount, fps: v.fps } })),
    ],
    terms: {
      title: terms.title.trim(),
      labelSchema: input.project.labelSchema,
      redundancy: Number(terms.redundancy),
      rewardPerItem: terms.rewardPerItemWei!,
      reviewerFee: terms.reviewerFeeWei!,
      level: Number(terms.level),
      deadline: terms.deadline === '' ? null : new Date(terms.deadline).toISOString(),
      instructions: terms.instructions,
      ...(input.source.videos.length > 0 && terms.consensus ? { consensus: terms.consensus } : {}),
    },
    examples: input.examples.map((relPath) => ({ relPath })),
    honeypots: input.useHoneypots ? input.source.labeled.map((l) => ({ relPath: l.relPath, shapes: l.shapes })) : [],
    republish: input.republish,
  };
}
