import type { Page } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import type { BenchApi } from './page/main';
import type { LayoutResults } from './page/layoutProbe';
import { loadBenchPage, openBenchBrowser } from './benchBrowser';
import { ms } from './stats';

/**
 * Row per shape vs one document per item, in real Chromium IndexedDB.
 * Run alone: `npx tsx bench/store/layouts.ts`; `npm run bench:store` runs it too.
 */
export async function measureLayoutsIn(page: Page): Promise<LayoutResults> {
  return page.evaluate(() => (globalThis as unknown as { groundworkBench: BenchApi }).groundworkBench.measureLayouts());
}

export function formatLayouts(r: LayoutResults): string {
  const row = (name: string, f: LayoutResults['row']) =>
    `| ${name} | ${ms(f.editP50['10']!)} / ${ms(f.editP95['10']!)} | ${ms(f.editP50['10000']!)} / ${ms(f.editP95['10000']!)} | ${ms(f.bulkInsert100k)} | ${ms(f.load10k)} |`;
  return [
    '| layout | edit, item of 10 shapes (p50 / p95) | edit, item of 10,000 shapes (p50 / p95) | bulk insert 100k shapes | load item of 10,000 (median of 5) |',
    '| --- | --- | --- | --- | --- |',
    row('row per shape', r.row),
    row('document per item', r.doc),
    row('buckets of ~256 shapes per item', r.bucket),
  ].join('\n');
}

async function main(): Promise<void> {
  const browser = await openBenchBrowser();
  try {
    const page = await browser.newPage();
    await loadBenchPage(page, browser.url);
    console.log(formatLayouts(await measureLayoutsIn(page)));
  } finally {
    await browser.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
