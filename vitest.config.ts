import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'native/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.ts', 'hub/**/*.test.ts', 'contracts/**/*.test.ts', 'models/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 30_000,
    // Hooks start hubs, PGlite, PostgreSQL clusters and anvil: on a loaded 2-core machine that can take far more than vitest's 10 s default.
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
