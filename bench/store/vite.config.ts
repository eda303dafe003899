import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The bench page is built on its own (not the app) so the store bench measures
// the store with nothing else on the page.
export default defineConfig({
  root: fileURLToPath(new URL('./page', import.meta.url)),
  base: './',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../out/bench-store', import.meta.url)),
    emptyOutDir: true,
  },
});
