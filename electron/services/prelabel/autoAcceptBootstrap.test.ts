// The auto-accept policy (core/prelabel/autoAccept) proven on REAL model
// outputs: the installed PP-OCRv4 text detector run by onnxruntime on real
// photographs. It lives here because core/ may not import native/ and
// electron/services/ may import both (README "May import").
//
// Ground truth, honestly: there are no hand labels for these photographs, so
// the test draws lines of text over them (testSupport/textScenes.ts) at known
// places, then blurs, downscales and JPEG-compresses them at random strengths;
// a detection is right when it matches a drawn line's ink box one-to-one with
// IoU ≥ 0.5 (highest score first, as in PASCAL VOC). The photographs, the
// model, its scores and its mistakes are real; only the text is placed.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iou } from '../../../core/geometry/box';
import type { Observation } from '../../../core/prelabel/autoAccept/observations';
import { chooseThresholds, modelClassKey } from '../../../core/prelabel/autoAccept/thresholds';
import { createInferenceEngine } from '../../../native/inference/engine';
import type { InferenceEngine } from '../../../native/inference/types';
import { seededRandom, type Random } from '../../../native/inference/testSupport/seededRandom';
import { makeTextScene } from './testSupport/textScenes';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const repoModels = path.join(repoRoot, 'models');

/** ~2 detections per scene; 160 scenes ≈ 320 observations, ~20 s on a loaded 2-core machine. */
const SCENES = 160;
/** Below the model's default 0.6, so the pool holds the doubtful detections a reviewer would see too. */
const DETECT = { confidence: 0.3, iou: 0.5 };
/**
 * The policy under test. Target and confidence picked from this data: about
 * 83 % of all detections are right and ~97 % of those scoring ≥ 0.8, so 0.9
 * is reachable but not trivial; 30 reviewed before any threshold (the default).
 */
const POLICY = { targetPrecision: 0.9, confidence: 0.9, minReviewed: 30 };
const RESAMPLES = 400;
const KEY = modelClassKey('det', 'text');

interface Detection {
  score: number;
  correct: boolean;
}

async function detectionsOnScenes(engine: InferenceEngine, random: Random): Promise<{ pool: Detection[]; truths: number }> {
  const pool: Detection[] = [];
  let truths = 0;
  for (let i = 0; i < SCENES; i++) {
    const scene = await makeTextScene(random);
    truths += scene.truth.length;
    const result = await engine.predictImage('det', new Uint8Array(scene.jpeg), DETECT);
    const matched = new Set<number>();
    for (const p of [...result.predictions].sort((a, b) => b.score - a.score)) {
      let best = -1;
      let bestIou = 0.5;
      scene.truth.forEach((t, j) => {
        const overlap = iou(p.box, t);
        if (!matched.has(j) && overlap >= bestIou) [best, bestIou] = [j, overlap];
      });
      if (best >= 0) matched.add(best);
      pool.push({ score: p.score, correct: best >= 0 });
    }
  }
  return { pool, truths };
}

/** Precision of the population's predictions scoring at least t. */
function precisionAbove(pool: readonly Detection[], t: number): number {
  const above = pool.filter((d) => d.score >= t);
  return above.filter((d) => d.correct).length / above.length;
}

/** The naive rule: the lowest threshold (≥ minReviewed above it) whose PLAIN precision in the history reaches the target. */
function pointEstimateThreshold(history: readonly Detection[]): number | null {
  const sorted = [...history].sort((a, b) => b.score - a.score);
  let right = 0;
  let chosen: number | null = null;
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i]!.correct) right += 1;
    const atTie = i + 1 < sorted.length && sorted[i + 1]!.score === sorted[i]!.score;
    if (!atTie && i + 1 >= POLICY.minReviewed && right / (i + 1) >= POLICY.targetPrecision) chosen = sorted[i]!.score;
  }
  return chosen;
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

describe('auto-accept thresholds on real detector outputs (PP-OCRv4 det on text over real photographs)', () => {
  let engine: InferenceEngine;
  let cleanup: () => Promise<void>;
  let pool: Detection[];
  let truths: number;

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(repoRoot, 'scripts/installModels.mjs')], { stdio: 'pipe' });
    const dir = await mkdtemp(path.join(tmpdir(), 'gw-autoaccept-'));
    cleanup = () => rm(dir, { recursive: true, force: true });
    // Detection only: the recognizer is not needed to judge boxes.
    const det = JSON.parse(await readFile(path.join(repoModels, 'ppocr-v4-det.json'), 'utf8'));
    await writeFile(path.join(dir, 'det.json'), JSON.stringify({ ...det, id: 'det', task: 'text-detect', file: path.join(repoModels, det.file), recognizer: undefined }));
    engine = createInferenceEngine({ modelsDirs: [dir], providers: ['cpu'], log: () => {} });
    await engine.load('det');
    ({ pool, truths } = await detectionsOnScenes(engine, seededRandom(20261202)));
  }, 150_000);

  afterAll(async () => {
    await engine?.dispose();
    await cleanup?.();
  });

  it('has a real mix of right and wrong detections to learn from', () => {
    const right = pool.filter((d) => d.correct).length;
    console.info(`auto-accept proof: ${SCENES} scenes, ${truths} drawn lines, ${pool.length} detections, ${right} right (${((100 * right) / pool.length).toFixed(1)} %)`);
    expect(pool.length).toBeGreaterThanOrEqual(250);
    expect(right / pool.length).toBeGreaterThan(0.6);
    expect(right / pool.length).toBeLessThan(POLICY.targetPrecision); // accepting everything would miss the target
  });

  it('across bootstrap resamples of the review history, the auto-accepted predictions meet the target at the stated confidence', () => {
    // Each resample is a review history of pool.length predictions drawn with replacement from the pool; the pool is the
    // population, so a threshold's realised precision is exact: the precision of every pooled prediction at or above it.
    const random = seededRandom(7);
    const chosen: { threshold: number; realised: number; autoShare: number }[] = [];
    const naive: { threshold: number; realised: number }[] = [];
    for (let b = 0; b < RESAMPLES; b++) {
      const history: Detection[] = Array.from({ length: pool.length }, () => pool[random.int(0, pool.length - 1)]!);
      const observations: Observation[] = history.map((d) => ({ modelId: 'det', classId: 'text', score: d.score, correct: d.correct, weight: 1 }));
      const threshold = chooseThresholds(observations, POLICY).get(KEY)?.threshold ?? null;
      if (threshold !== null) {
        chosen.push({ threshold, realised: precisionAbove(pool, threshold), autoShare: pool.filter((d) => d.score >= threshold).length / pool.length });
      }
      const point = pointEstimateThreshold(history);
      if (point !== null) naive.push({ threshold: point, realised: precisionAbove(pool, point) });
    }
    const met = (xs: { realised: number }[]) => xs.filter((x) => x.realised >= POLICY.targetPrecision).length / xs.length;
    const coverage = met(chosen);
    const naiveCoverage = met(naive);
    // Monte-Carlo slack: two binomial standard errors of a share estimated from chosen.length resamples at the stated confidence.
    const slack = 2 * Math.sqrt((POLICY.confidence * (1 - POLICY.confidence)) / chosen.length);
    const line = (name: string, xs: { threshold: number; realised: number }[], share: number) =>
      `${name}: threshold chosen in ${xs.length}/${RESAMPLES}, median ${quantile(xs.map((x) => x.threshold), 0.5).toFixed(3)} ` +
      `(10–90 %: ${quantile(xs.map((x) => x.threshold), 0.1).toFixed(3)}–${quantile(xs.map((x) => x.threshold), 0.9).toFixed(3)}), ` +
      `realised precision min ${Math.min(...xs.map((x) => x.realised)).toFixed(3)} median ${quantile(xs.map((x) => x.realised), 0.5).toFixed(3)}, ` +
      `meets ${POLICY.targetPrecision} in ${(100 * share).toFixed(1)} %`;
    console.info(line('lower bound (fixed sequence)', chosen, coverage));
    console.info(line('point estimate', naive, naiveCoverage));
    console.info(`needed a human (median over resamples with a threshold, audits not counted): ${(100 * (1 - quantile(chosen.map((c) => c.autoShare), 0.5))).toFixed(1)} % of predictions; slack ${slack.toFixed(3)}`);

    expect(chosen.length / RESAMPLES).toBeGreaterThanOrEqual(0.5);
    expect(coverage).toBeGreaterThanOrEqual(POLICY.confidence - slack);
    // What this test would say of the naive rule (seen, not forced: about half its thresholds miss the target).
    expect(naiveCoverage).toBeLessThan(POLICY.confidence - slack);
  });

  it('once the policy runs, audits weighted 1/auditRate keep the estimate honest', () => {
    // Period 1: an ordinary review history chooses t. Period 2: new predictions (another draw from the pool) at or above t
    // are auto-accepted, except an audit sample drawn at AUDIT_RATE; the rest are all reviewed. The thresholds are then
    // chosen again from period 2's human decisions alone: audits weighing 1/AUDIT_RATE, the others 1 (Korn–Graubard).
    const AUDIT_RATE = 0.3;
    const random = seededRandom(11);
    const draw = () => Array.from({ length: pool.length }, () => pool[random.int(0, pool.length - 1)]!);
    const asObservation = (d: Detection, weight: number): Observation => ({ modelId: 'det', classId: 'text', score: d.score, correct: d.correct, weight });
    const realised: number[] = [];
    const needsHuman: number[] = [];
    for (let b = 0; b < RESAMPLES; b++) {
      const first = chooseThresholds(draw().map((d) => asObservation(d, 1)), POLICY).get(KEY)?.threshold ?? null;
      if (first === null) continue;
      const second: Observation[] = [];
      const period = [...draw(), ...draw()];
      for (const d of period) {
        if (d.score < first) second.push(asObservation(d, 1));
        else if (random.next() < AUDIT_RATE) second.push(asObservation(d, 1 / AUDIT_RATE));
      }
      needsHuman.push(second.length / period.length);
      const again = chooseThresholds(second, POLICY).get(KEY)?.threshold ?? null;
      if (again !== null) realised.push(precisionAbove(pool, again));
    }
    const coverage = realised.filter((p) => p >= POLICY.targetPrecision).length / realised.length;
    const slack = 2 * Math.sqrt((POLICY.confidence * (1 - POLICY.confidence)) / realised.length);
    console.info(
      `after audits (rate ${AUDIT_RATE}): threshold chosen again in ${realised.length}/${RESAMPLES}, realised precision min ${Math.min(...realised).toFixed(3)}, ` +
        `meets ${POLICY.targetPrecision} in ${(100 * coverage).toFixed(1)} % (slack ${slack.toFixed(3)}); needed a human, audits included: median ${(100 * quantile(needsHuman, 0.5)).toFixed(1)} %`,
    );
    expect(realised.length / RESAMPLES).toBeGreaterThanOrEqual(0.3);
    expect(coverage).toBeGreaterThanOrEqual(POLICY.confidence - slack);
  });
});
