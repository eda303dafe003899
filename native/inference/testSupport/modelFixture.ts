import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { ModelManifest } from '../types';

/** A throwaway models folder with helpers to drop model + manifest pairs into it. */
export async function tempModelsDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gw-models-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export function yoloManifest(id: string, overrides: Partial<ModelManifest> = {}): ModelManifest {
  return {
    id,
    name: `Test model ${id}`,
    task: 'detect',
    file: `${id}.onnx`,
    sha256: '0'.repeat(64),
    input: { name: 'images', width: 640, height: 640, size: 'fixed' },
    normalization: { mean: [0, 0, 0], std: [1, 1, 1], scale: 1 / 255, channelOrder: 'rgb' },
    decoder: 'yolo-v8',
    classes: ['cat', 'dog'],
    defaults: { confidence: 0.25, iou: 0.45 },
    ...overrides,
  };
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Writes `<file>` and `<id>.json`; the manifest's sha256 is the bytes' real hash unless the manifest overrides it. */
export async function dropModel(dir: string, manifest: ModelManifest, bytes: Uint8Array, options: { keepSha?: boolean } = {}): Promise<string> {
  await writeFile(path.join(dir, manifest.file), bytes);
  const written = options.keepSha ? manifest : { ...manifest, sha256: sha256(bytes) };
  const manifestPath = path.join(dir, `${manifest.id}.json`);
  await writeFile(manifestPath, JSON.stringify(written, null, 2));
  return manifestPath;
}

/** A flat-colour JPEG of the given size (non-square sizes exercise the letterbox). */
export async function writeJpeg(filePath: string, width: number, height: number, shade = 90): Promise<string> {
  await sharp({ create: { width, height, channels: 3, background: { r: shade, g: 160, b: 200 } } }).jpeg().toFile(filePath);
  return filePath;
}

/** A JPEG cut off halfway: the header is fine, the image data ends early. */
export async function writeTruncatedJpeg(filePath: string): Promise<string> {
  const full = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 10, g: 20, b: 30 } }, })
    .composite([{ input: Buffer.from('<svg width="64" height="48"><circle cx="32" cy="24" r="20" fill="red"/></svg>') }])
    .jpeg()
    .toBuffer();
  await writeFile(filePath, full.subarray(0, Math.floor(full.length / 2)));
  return filePath;
}
