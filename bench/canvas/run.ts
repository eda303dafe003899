// npm run bench:canvas — pans and zooms the real LabelCanvas over a 1280×720
// image with 0 and with 10,000 boxes in headless Chromium (software
// rendering) and prints frames per second, their ratio and the goals.
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { serveFolder } from './staticServer';

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5000);
const BOXES = 10_000;
const GOAL_FPS = 55;
const GOAL_RATIO = 0.9;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** What the bench page (renderer/canvas/bench/BenchApp.tsx) exposes; evaluated in the page, typed here without DOM types. */
interface BenchPage {
  __canvasBench?: { run(ms: number): Promise<{ frames: number; staticDraws: number; lastBoxesDrawn: number; ms: number }> };
}

interface Measured {
  fps: number;
  drawFps: number;
  boxesDrawn: number;
}

async function measure(baseUrl: string, boxCount: number): Promise<Measured> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => console.error('bench page error:', e.message));
    await page.goto(`${baseUrl}index.html?n=${boxCount}`);
    await page.waitForFunction(() => (globalThis as unknown as BenchPage).__canvasBench !== undefined);
    await page.evaluate(() => (globalThis as unknown as BenchPage).__canvasBench!.run(500)); // warm-up: JIT, image decode, first layout
    const result = await page.evaluate((ms) => (globalThis as unknown as BenchPage).__canvasBench!.run(ms), DURATION_MS);
    // A scene that silently drew nothing would be fast for the wrong reason.
    if (boxCount > 0 && result.lastBoxesDrawn === 0) throw new Error(`bench drew no boxes with n=${boxCount}`);
    return { fps: (result.frames * 1000) / result.ms, drawFps: (result.staticDraws * 1000) / result.ms, boxesDrawn: result.lastBoxesDrawn };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  await build({ configFile: here('./vite.config.ts') });
  const { url, server } = await serveFolder(here('../../out/bench-canvas'));
  try {
    const m0 = await measure(url, 0);
    const mN = await measure(url, BOXES);
    const fps0 = Math.min(m0.fps, m0.drawFps);
    const fpsN = Math.min(mN.fps, mN.drawFps);
    const ratio = fpsN / fps0;
    const pass = fpsN >= GOAL_FPS && ratio >= GOAL_RATIO;
    console.log(`canvas pan+zoom, ${DURATION_MS / 1000}s each, 1280x800 viewport, headless Chromium --disable-gpu`);
    console.log(`  (fps = min of animation frames/s and static-layer redraws/s)`);
    console.log(`  fps with 0 boxes:      ${fps0.toFixed(1)}   (frames ${m0.fps.toFixed(1)}/s, redraws ${m0.drawFps.toFixed(1)}/s)`);
    console.log(`  fps with ${BOXES} boxes: ${fpsN.toFixed(1)}   (frames ${mN.fps.toFixed(1)}/s, redraws ${mN.drawFps.toFixed(1)}/s, ${mN.boxesDrawn} boxes in the last frame)   goal >= ${GOAL_FPS}`);
    console.log(`  ratio fps(10k)/fps(0): ${ratio.toFixed(3)}  (goal >= ${GOAL_RATIO})`);
    console.log(`  ${pass ? 'PASS' : 'MISS'}`);
  } finally {
    server.close();
  }
}

await main();
