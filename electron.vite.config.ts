import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

// Electron build: main and preload bundled for Node, renderer with the same
// root as vite.config.ts so both hosts ship the identical renderer.
export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: { outDir: 'out/main', rollupOptions: { input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          // The inference worker is its own entry: session.run blocks the thread it runs on.
          inferenceWorker: resolve(__dirname, 'native/inference/worker/inferenceWorker.ts'),
        } } },
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    build: { outDir: 'out/preload', rollupOptions: { input: { index: resolve(__dirname, 'electron/preload/index.ts') }, output: { format: 'cjs' } } },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: { outDir: 'out/renderer', rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } } },
  },
});
