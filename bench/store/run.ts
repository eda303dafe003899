import type { Page } from 'playwright-core';
import type { BenchApi } from './page/main';
import type { OpenTimings, SeedResult } from './page/storeProbe';
import type { EditScaleResult } from './page/editScaleProbe';
import { loadBenchPage, openBenchBrowser, type BenchBrowser } from './benchBrowser';
import { formatLayouts, measureLayoutsIn } from './layouts';
import { ms } from './stats';

/**
 * npm run bench:store — the label store in headless Chromium with real
 * IndexedDB: edit → durable latency with 100,000 shapes in the project, and
 * project open → first render; then edits on items of 1k, 10k and 100k boxes
 * (10 % pending pre-labels) against the old writer's work in the same run,
 * and the pre-label statistics update after an edit in a project of 1k vs 1M
 * shapes against the full recount the old code did. Prints figures and ends
 * with a Goals block; not a test. Shrink with STORE_BENCH_EDITS,
 * STORE_BENCH_SIZES (e.g. "1000,10000"), STORE_BENCH_BIG_SHAPES, STORE_BENCH_BIG_ITEMS
 * and STORE_BENCH_STATS_EDITS (statistics edits per project, alternating, default 60).
 */
const ITEMS = 1000;
const PER_ITEM = 100;
const EDITS = 250;
const GOAL_EDIT_P95_MS = 50;
const GOAL_OPEN_MS = 1000;
const SCALE_EDITS = Number(process.env.STORE_BENCH_EDITS ?? 200);
const SIZES = (process.env.STORE_BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const BIG_SHAPES = Number(process.env.STORE_BENCH_BIG_SHAPES ?? 1_000_000);
/** The large project's other items share its shapes (10,000 each by default). */
const BIG_ITEMS = Number(process.env.STORE_BENCH_BIG_ITEMS ?? 100);
/** Same per-edit cost at 100k boxes as at 1k: the p50s within this factor. */
const GOAL_INDEPENDENCE = 1.5;
/** Statistics update after an edit costs the same at 1M shapes as at 1k: p50s within this factor. */
const GOAL_STATS_RATIO = 1.5;
/** Edits timed per project for the statistics figure (alternating between the projects). */
const STATS_EDITS = Number(process.env.STORE_BENCH_STATS_EDITS ?? 60);

type Api = { groundworkBench: BenchApi };

function verdict(value: number, goal: number): string {
  return value <= goal ? 'PASS' : 'MISS';
}

async function main(): Promise<void> {
  const browser = await openBenchBrowser();
  try {
    const page = await browser.newPage();
    await loadBenchPage(page, browser.url);
    // STORE_BENCH_SCALE_ONLY=1 skips the 100k project, open and layout figures (a quick look at the scale ones).
    const goals = process.env.STORE_BENCH_SCALE_ONLY === '1' ? [] : await measureBase(browser, page);
    goals.push(...(await measureScale(page)));
    console.log('\nGoals');
    for (const g of goals) console.log(g);
  } finally {
    await browser.close();
  }
}

/** 1,000 items × 100 shapes: edit → durable and open → first render; the row layouts. Returns their Goals lines. */
async function measureBase(browser: BenchBrowser, page: Page): Promise<string[]> {
  console.log(`seeding ${ITEMS} items x ${PER_ITEM} shapes through LabelStore.importShapes ...`);
  const seed: SeedResult = await page.evaluate(([n, k]) => (globalThis as unknown as Api).groundworkBench.seedProject(n, k), [ITEMS, PER_ITEM] as const);
  console.log(`  ${seed.shapes} shapes seeded in ${ms(seed.seedMs)}`);

  const edits = await page.evaluate(([db, p, n]) => (globalThis as unknown as Api).groundworkBench.measureEdits(db, p, n), [seed.dbName, seed.projectId, EDITS] as const);
  const open = await measureOpen(await browser.newPage(), `${browser.url}?open=${encodeURIComponent(seed.dbName)}`);

  console.log('\nlayout comparison (one rw transaction per edit: shape(s) + history entry)');
  console.log(formatLayouts(await measureLayoutsIn(page)));

  console.log(`\nstore with ${seed.shapes.toLocaleString('en')} shapes in the project`);
  console.log(`  edit → durable over ${edits.n} one-shape moves: p50 ${ms(edits.p50)}, p95 ${ms(edits.p95)}, max ${ms(edits.max)}   goal p95 ≤ ${GOAL_EDIT_P95_MS} ms: ${verdict(edits.p95, GOAL_EDIT_P95_MS)}`);
  console.log(
    `  project open → first render: ${ms(open.nextFrame)} since navigation start (module ${ms(open.moduleStart)}, store ${ms(open.storeOpen)}, ` +
      `projects ${ms(open.projectList)}, ${open.items} items ${ms(open.itemList)}, ${open.shapes} shapes ${ms(open.shapesLoaded)}, drawn ${ms(open.drawn)})   ` +
      `goal ≤ ${GOAL_OPEN_MS} ms: ${verdict(open.nextFrame, GOAL_OPEN_MS)}`,
  );
  return [
    `${verdict(edits.p95, GOAL_EDIT_P95_MS)} edit → durable p95, 1,000 items × 100 shapes: ${ms(edits.p95)} (p50 ${ms(edits.p50)}) (goal ≤ ${GOAL_EDIT_P95_MS} ms)`,
    `${verdict(open.nextFrame, GOAL_OPEN_MS)} project open → first render: ${ms(open.nextFrame)} (goal ≤ ${GOAL_OPEN_MS} ms)`,
  ];
}

/** Edits at 1k/10k/100k boxes per item and statistics at 1k vs 1M shapes; returns their Goals lines. */
async function measureScale(page: Page): Promise<string[]> {
  console.log(`\nedit → durable by item size (10 % pending pre-labels; ${SCALE_EDITS} one-box moves, every 4th a pending pre-label the move marks corrected)`);
  console.log('| boxes in the item | edit → durable p50 / p95 | of it: commit() in memory p50 / p95 | of it: store write p50 / p95 | pre-label correction p50 / p95 | old writer, its shape write alone p50 / p95 |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  const bySize = new Map<number, EditScaleResult>();
  for (const boxes of SIZES) {
    const r = await page.evaluate(([b, n]) => (globalThis as unknown as Api).groundworkBench.measureEditScale(b, n), [boxes, SCALE_EDITS] as const);
    bySize.set(boxes, r);
    const pair = (x: { p50: number; p95: number }) => `${ms(x.p50)} / ${ms(x.p95)}`;
    console.log(`| ${boxes.toLocaleString('en')} | ${pair(r.edit)} | ${pair(r.inMemory)} | ${pair(r.store)} | ${pair(r.correction)} | ${pair(r.oldWrite)} |`);
  }
  const small = bySize.get(Math.min(...SIZES))!;
  const large = bySize.get(Math.max(...SIZES))!;
  const ratio = large.store.p50 / small.store.p50;
  const oldRatio = large.oldWrite.p50 / small.oldWrite.p50;
  const wholeRatio = large.edit.p50 / small.edit.p50;

  console.log(`\npre-label statistics after one edit (commit of a pre-label correction → durable with the counters → stats read)`);
  // The edited item has 1,000 boxes in both projects: only the project's size differs.
  // Both projects are built first; then the edits alternate between them (small, large, small, …).
  const stats = await page.evaluate(
    ([n, i, edits]) =>
      (globalThis as unknown as Api).groundworkBench.measureStatsScale(
        [
          { shapes: 1000, editedItem: 1000, fillItems: 0, recounts: 3 },
          { shapes: n, editedItem: 1000, fillItems: i, recounts: 1 },
        ],
        edits,
      ),
    [BIG_SHAPES, BIG_ITEMS, STATS_EDITS] as const,
  );
  const statsSmall = stats[0]!;
  const statsLarge = stats[1]!;
  console.log('| shapes in the project | build (rows, runs, counters) | edit → stats read p50 / p95 | old: full recount from IndexedDB per edit (p50) |');
  console.log('| --- | --- | --- | --- |');
  for (const r of [statsSmall, statsLarge]) console.log(`| ${r.shapes.toLocaleString('en')} | ${ms(r.buildMs)} | ${ms(r.update.p50)} / ${ms(r.update.p95)} | ${ms(r.recount.p50)} |`);
  const statsRatio = statsLarge.update.p50 / statsSmall.update.p50;
  const big = `${(large.boxes / 1000).toLocaleString('en')}k`;
  return [
    `${verdict(large.edit.p95, GOAL_EDIT_P95_MS)} edit → durable p95 at ${big} boxes/item (10 % pending pre-labels): ${ms(large.edit.p95)} (baseline old writer ${ms(large.oldWrite.p95)}) (goal ≤ ${GOAL_EDIT_P95_MS} ms)`,
    `${verdict(ratio, GOAL_INDEPENDENCE)} independence ratio, store write p50 ${big}/${(small.boxes / 1000).toLocaleString('en')}k boxes: ${ratio.toFixed(2)}× (whole edit incl. in-memory commit ${wholeRatio.toFixed(2)}×; baseline old writer ${oldRatio.toFixed(1)}×) (goal ≤ ${GOAL_INDEPENDENCE}×)`,
    `${verdict(statsRatio, GOAL_STATS_RATIO)} stats update after an edit, ${statsLarge.shapes.toLocaleString('en')} vs ${statsSmall.shapes.toLocaleString('en')} shapes: p50 ${ms(statsLarge.update.p50)} vs ${ms(statsSmall.update.p50)} = ${statsRatio.toFixed(2)}× (baseline old full recount at ${statsLarge.shapes.toLocaleString('en')}: ${ms(statsLarge.recount.p50)}) (goal ≤ ${GOAL_STATS_RATIO}×)`,
  ];
}

/** A fresh page load that opens the project as soon as its module runs. */
async function measureOpen(page: Page, url: string): Promise<OpenTimings> {
  await loadBenchPage(page, url);
  return page.evaluate(() => {
    const result = (globalThis as unknown as Api).groundworkBench.openResult;
    if (!result) throw new Error('bench page did not start the open run');
    return result;
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
