import type { Page } from 'playwright-core';
import type { BenchApi } from './page/main';
import type { OpenTimings, SeedResult } from './page/storeProbe';
import { loadBenchPage, openBenchBrowser } from './benchBrowser';
import { formatLayouts, measureLayoutsIn } from './layouts';
import { ms } from './stats';

/**
 * npm run bench:store — the label store in headless Chromium with real
 * IndexedDB: edit → durable latency with 100,000 shapes in the project, and
 * project open → first render. Prints figures with goals; not a test.
 */
const ITEMS = 1000;
const PER_ITEM = 100;
const EDITS = 250;
const GOAL_EDIT_P95_MS = 50;
const GOAL_OPEN_MS = 1000;

type Api = { groundworkBench: BenchApi };

function verdict(value: number, goal: number): string {
  return value <= goal ? 'PASS' : 'MISS';
}

async function main(): Promise<void> {
  const browser = await openBenchBrowser();
  try {
    const page = await browser.newPage();
    await loadBenchPage(page, browser.url);

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
  } finally {
    await browser.close();
  }
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
