import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'native/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.ts', 'hub/**/*.test.ts', 'contracts/**/*.test.ts', 'models/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 30_000,
    // Hooks start hubs, PGlite, PostgreSQL clusters and anvil: on a loaded 2-core machine that can take far more than vitest's 10 s default.
    hookTimeout: 180_000,
    pool: 'forks',
    // Vitest's default on 2 cores is one worker, and most suites wait on anvil, PGlite or ffmpeg
    // rather than compute: two workers take the unit run from ~960 s to well under that. The suite
    // passed with two workers while a second full CI run shared the same two cores.
    maxWorkers: 2,
    // Each worker keeps its module cache from one file to the next. With a fresh module graph per
    // file, 346 files spent 255 s importing (ethers, Fastify, PGlite, onnxruntime again and again)
    // and the run took 643-707 s in CI; shared, importing takes 24 s and the run 420-460 s. So a
    // file must leave nothing behind: no test mocks a module, vitest restores spies after each file
    // and undoes stubbed globals and env vars before each test (below: so stub them in beforeEach or
    // the test, never in beforeAll), fixtures shared by many files forget a failed attempt
    // (core/util/madeOnce.ts), and what tests need from the environment is set here once rather than
    // by whichever file happened to run first.
    isolate: false,
    unstubGlobals: true,
    unstubEnvs: true,
    // Dexie reads the global indexedDB once, when it is first imported: every file gets the fake one
    // before any import, so a store test never depends on which file ran before it in its worker.
    setupFiles: ['fake-indexeddb/auto'],
    env: {
      // Frame packs the video tests wait for build at normal priority: at the default 19 they
      // starve behind other suites on a shared 2-core machine. A value set in the shell wins (an
      // empty one does not: it would mean the default, 19).
      GROUNDWORK_FRAME_PACK_NICENESS: process.env.GROUNDWORK_FRAME_PACK_NICENESS?.trim() || '0',
    },
  },
});
