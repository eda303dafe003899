import { build } from 'vite';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUT_DIR = fileURLToPath(new URL('../../out/bench-store', import.meta.url));
const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

export interface BenchBrowser {
  url: string;
  context: BrowserContext;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** Builds the bench page, serves it on 127.0.0.1 (IndexedDB needs a real origin) and opens Chromium with a fresh profile. */
export async function openBenchBrowser(): Promise<BenchBrowser> {
  await build({ configFile: fileURLToPath(new URL('./vite.config.ts', import.meta.url)) });
  const server = await serve(OUT_DIR);
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('bench server has no port');
  const userDataDir = await mkdtemp(join(tmpdir(), 'groundwork-bench-store-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    url: `http://127.0.0.1:${address.port}/index.html`,
    context,
    newPage: () => context.newPage(),
    async close() {
      await context.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

function serve(root: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = normalize(join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    if (!path.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    readFile(path).then(
      (body) => res.writeHead(200, { 'content-type': MIME[extname(path)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Loads the page and waits until its API is published. */
export async function loadBenchPage(page: Page, url: string): Promise<void> {
  page.on('pageerror', (e) => console.error('[bench page]', e.message));
  await page.goto(url);
  await page.waitForFunction(() => 'groundworkBench' in globalThis);
}
