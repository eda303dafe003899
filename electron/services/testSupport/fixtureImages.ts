// Real image files for tests, made with sharp; nothing is mocked.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';

/** A busy, deterministic picture (gradient + shapes) so JPEG data is large enough to truncate meaningfully. */
export function sceneSvg(width: number, height: number, hue = 0): Buffer {
  const shapes = Array.from({ length: 12 }, (_, i) => {
    const x = (i * 53 + hue * 7) % (width - 40);
    const y = (i * 37 + hue * 11) % (height - 40);
    return `<rect x="${x}" y="${y}" width="${30 + (i % 4) * 10}" height="${25 + (i % 3) * 12}" fill="hsl(${(hue + i * 29) % 360},70%,50%)"/>`;
  }).join('');
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g"><stop offset="0" stop-color="hsl(${hue},40%,85%)"/><stop offset="1" stop-color="hsl(${hue + 120},40%,30%)"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/>${shapes}<circle cx="${width / 2}" cy="${height / 2}" r="${Math.min(width, height) / 5}" fill="#222"/></svg>`,
  );
}

export const makeJpeg = (w: number, h: number, hue = 0, quality = 90) => sharp(sceneSvg(w, h, hue)).jpeg({ quality }).toBuffer();
export const makePng = (w: number, h: number, hue = 0) => sharp(sceneSvg(w, h, hue)).png().toBuffer();
export const makeWebp = (w: number, h: number, hue = 0) => sharp(sceneSvg(w, h, hue)).webp({ quality: 85 }).toBuffer();

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `gw-${prefix}-`));
}

export async function writeFiles(root: string, files: Record<string, Uint8Array | string>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(root, ...rel.split('/'));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
}

/**
 * The intake fixture: good JPEG/PNG/WebP in sub-folders, a zero-byte file, a
 * truncated JPEG, a text file named .png, an exact duplicate and a near
 * duplicate (the same scene re-encoded smaller at another quality), plus a
 * hidden folder and a non-image that must be ignored.
 */
export async function makeIntakeFixture(root: string): Promise<void> {
  const original = await makeJpeg(320, 240, 10, 92);
  await writeFiles(root, {
    'a/original.jpg': original,
    'a/sub/scene.png': await makePng(200, 150, 200),
    'b/other.webp': await makeWebp(180, 120, 300),
    'b/copy-of-original.jpg': original,
    'c/resized-original.jpg': await sharp(original).resize(200, 150).jpeg({ quality: 60 }).toBuffer(),
    'c/empty.jpg': new Uint8Array(0),
    'c/truncated.jpg': (await makeJpeg(320, 240, 120, 95)).subarray(0, 3000),
    'c/notes.png': 'these are my notes, not a picture\n',
    '.hidden/secret.png': await makePng(10, 10),
    'readme.txt': 'not an image',
  });
}

/** Square PNGs the test model predicts on (see testModel.ts), plus one file that is not an image at all. */
export async function makePrelabelFixture(root: string, goodCount = 4): Promise<{ good: string[]; corrupt: string }> {
  const good = Array.from({ length: goodCount }, (_, i) => `img-${i}.png`);
  const files: Record<string, Uint8Array | string> = { 'corrupt.png': 'not a picture, just text\n' };
  for (const [i, name] of good.entries()) files[name] = await makePng(128, 128, i * 40);
  await writeFiles(root, files);
  return { good, corrupt: 'corrupt.png' };
}
