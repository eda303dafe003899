// The headless pre-labeler as an operator runs it: the real CLI in a child
// process, the installed PP-OCRv4 models in the real engine, real photographs
// plus a rendered text page and one file that is not an image.
import { execFile, execFileSync } from 'node:child_process';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../electron/services/testSupport/fixtureImages';
import { copyRealPhotos, REAL_PHOTOS } from '../../electron/services/prelabel/testSupport/realPhotos';
import type { OutputEntry } from './outputEntry';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
const MODEL_ID = 'ppocr-v4-det';

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], dataDir: string): Promise<CliRun> {
  return new Promise((resolve) => {
    // stderr is a pipe here, not a terminal: the plain progress lines are what a CI log gets.
    execFile(tsx, [path.join(repoRoot, 'scripts/prelabel/main.ts'), ...args], { cwd: repoRoot, env: { ...process.env, GROUNDWORK_DATA_DIR: dataDir, GROUNDWORK_EP: 'cpu' }, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, stdout, stderr });
    });
  });
}

/** A printed page: black words on white, the OCR model's home ground. */
async function writeTextPage(file: string): Promise<void> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="720"><rect width="100%" height="100%" fill="#fff"/><text x="120" y="200" font-family="DejaVu Sans" font-size="64" fill="#111">Groundwork</text></svg>`;
  await sharp(Buffer.from(svg)).jpeg({ quality: 92 }).toFile(file);
}

let dataDir: string;
beforeAll(async () => {
  execFileSync(process.execPath, [path.join(repoRoot, 'scripts/installModels.mjs')], { stdio: 'pipe' });
  dataDir = await tempDir('prelabel-cli-data');
}, 300_000);

describe('npm run prelabel', () => {
  it('labels every image of the folders and files given, lists the broken one with its reason, and exits 0', async () => {
    const media = await tempDir('prelabel-cli-media');
    await mkdir(path.join(media, 'photos/.thumbs'), { recursive: true });
    const photos = await copyRealPhotos(path.join(media, 'photos'));
    await writeFile(path.join(media, 'photos/broken.jpg'), 'a text file with a .jpg name\n');
    await writeFile(path.join(media, 'photos/notes.txt'), 'not an image, skipped in a folder\n');
    await writeFile(path.join(media, 'photos/.thumbs/hidden.jpg'), 'hidden, skipped\n');
    await writeTextPage(path.join(media, 'page.jpg'));
    const out = path.join(media, 'preds.json');

    const run = await runCli(['--model', MODEL_ID, '--confidence', '0.5', '--out', out, path.join(media, 'photos'), path.join(media, 'page.jpg')], dataDir);

    expect(run.code, run.stderr).toBe(0);
    const entries = JSON.parse(await readFile(out, 'utf8')) as OutputEntry[];
    const byName = new Map(entries.map((e) => [path.relative(media, e.file), e]));
    expect([...byName.keys()].sort()).toEqual(['page.jpg', 'photos/broken.jpg', ...photos.map((p) => `photos/${p}`)].sort());

    expect(byName.get('photos/broken.jpg')).toEqual({ file: path.join(media, 'photos/broken.jpg'), width: null, height: null, boxes: [], error: expect.stringContaining('cannot decode image') as string });
    for (const photo of photos) {
      const entry = byName.get(`photos/${photo}`)!;
      expect(entry).toMatchObject({ width: REAL_PHOTOS[photo].width, height: REAL_PHOTOS[photo].height });
      expect(entry.error).toBeUndefined();
    }
    const page = byName.get('page.jpg')!;
    expect(page).toMatchObject({ width: 1280, height: 720 });
    const word = page.boxes.find((b) => /groundwork/i.test(b.text ?? ''));
    expect(word, JSON.stringify(page.boxes)).toMatchObject({ label: 'text', score: expect.any(Number) as number });
    // The word's ink starts near x=120 and sits on the baseline at y=200.
    expect(word!.x).toBeGreaterThan(90);
    expect(word!.x).toBeLessThan(150);
    expect(word!.y + word!.h).toBeGreaterThan(180);
    expect(word!.y).toBeLessThan(200);
    expect(word!.score).toBeGreaterThanOrEqual(0.5);

    // Progress and the failure on stderr, as plain lines (not a terminal).
    expect(run.stderr).toMatch(/prelabel: 5 images with ppocr-v4-det on cpu/);
    expect(run.stderr).toMatch(/prelabel: 5\/5 · 1 failed in \d+\.\d s/);
    expect(run.stderr).toMatch(/prelabel: failed .*broken\.jpg: cannot decode image/);
    expect(run.stderr).not.toMatch(/\x1b\[K/);
  }, 150_000);

  it('exits non-zero with a clear message when nothing can run', async () => {
    const media = await tempDir('prelabel-cli-none');
    await copyRealPhotos(media);
    const out = path.join(media, 'preds.json');

    const unknown = await runCli(['--model', 'no-such-model', '--out', out, media], dataDir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown model 'no-such-model'\. Known models:\n\s+ppocr-v4-det /);

    const emptyDir = path.join(media, 'empty');
    await mkdir(emptyDir);
    const noImages = await runCli(['--model', MODEL_ID, '--out', out, emptyDir], dataDir);
    expect(noImages.code).toBe(2);
    expect(noImages.stderr).toContain(`no images found in ${emptyDir}`);

    const missingOut = await runCli(['--model', MODEL_ID, media], dataDir);
    expect(missingOut.code).toBe(2);
    expect(missingOut.stderr).toContain('--out <file> is required');

    await expect(stat(out)).rejects.toThrow(/ENOENT/);
  }, 150_000);
});
