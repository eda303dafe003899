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
  },
});
