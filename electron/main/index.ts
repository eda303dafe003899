import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog } from 'electron';
import { createServices, type Services } from '../services/createServices';
import { modelsDirsFor } from '../services/inference/modelsDirs';
import { startLocalNetworkIfWanted } from '../services/localNetwork/localNetworkMode';
import { routeIpc } from './ipcRouter';
import { createMainWindow, hardenSession } from './mainWindow';
import { handleProtocols, registerSchemes } from './protocols';

// Built to out/main/index.js; the preload and renderer sit beside it in out/.
const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = process.env.GROUNDWORK_DATA_DIR || path.join(os.homedir(), '.groundwork');

/**
 * A packaged app ships its models in resources/models (model files cannot be
 * opened from inside the asar archive); every Electron build runs the
 * inference worker bundled beside this file.
 */
function inferenceOptions() {
  return {
    modelsDirs: app.isPackaged ? modelsDirsFor(dataDir, path.join(process.resourcesPath, 'models')) : undefined,
    // electron.vite.config.ts builds native/inference/worker/inferenceWorker.ts to this file.
    workerEntry: path.join(outDir, 'main', 'inferenceWorker.js'),
  };
}

registerSchemes();
app.enableSandbox();
let services: Services | undefined;
let local: Awaited<ReturnType<typeof startLocalNetworkIfWanted>> = null;

async function start() {
  await app.whenReady();
  // The local network runs from source (tsx, hub/), so only in a development checkout (`npm start`).
  if (!app.isPackaged) local = await startLocalNetworkIfWanted(dataDir, path.join(app.getAppPath(), 'scripts', 'localNetworkProcess.ts'));
  services = await createServices({
    dataDir,
    inference: inferenceOptions(),
    network: local ? { localHub: local.localHub } : undefined,
    host: {
      kind: 'electron',
      version: app.getVersion(),
      electronVersion: process.versions.electron ?? null,
      pickFolder: async (title) => {
        const focused = BrowserWindow.getFocusedWindow();
        const options = { title: title ?? 'Open a folder of images', properties: ['openDirectory' as const] };
        const picked = focused ? await dialog.showOpenDialog(focused, options) : await dialog.showOpenDialog(options);
        return picked.canceled ? null : (picked.filePaths[0] ?? null);
      },
      exportDelivery: {
        pickSavePath: async (defaultFileName) => {
          const focused = BrowserWindow.getFocusedWindow();
          const options = { title: 'Save the export', defaultPath: path.join(app.getPath('downloads'), defaultFileName), filters: [{ name: 'Zip archive', extensions: ['zip'] }] };
          const picked = focused ? await dialog.showSaveDialog(focused, options) : await dialog.showSaveDialog(options);
          return picked.canceled || !picked.filePath ? null : picked.filePath;
        },
      },
    },
  });
  hardenSession();
  handleProtocols(path.join(outDir, 'renderer'), services.roots);
  routeIpc(services.dispatcher);
  const preload = path.join(outDir, 'preload', 'index.cjs');
  createMainWindow(preload);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(preload);
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
// Quitting waits for the host to stop: a running pre-label job finishes its
// current image and is left resumable on disk, the inference worker is
// stopped between runs (killing it mid-run would abort the process), and the
// frame server's ffmpeg decodes are stopped.
let stopped = false;
app.on('before-quit', (event) => {
  if (stopped || !services) return;
  event.preventDefault();
  const stopping = services;
  services = undefined;
  void stopping
    .dispose()
    .then(() => local?.network.stop())
    .catch((error: unknown) => console.error('groundwork: the services did not stop cleanly:', error))
    .finally(() => {
      stopped = true;
      app.quit();
    });
});

start().catch((error: unknown) => {
  dialog.showErrorBox('Groundwork could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
});
