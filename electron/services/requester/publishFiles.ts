import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { ServiceError } from '../../common/contract/errors';
import type { PublishJobParams } from '../../common/services/jobsService';
import { MediaError } from '../media/mediaErrors';
import { resolveMediaPath } from '../media/resolveMediaPath';

/** One file of the project as it will be sent: where it is and what it hashes to now. */
export interface LocalMedia {
  relPath: string;
  file: string;
  size: number;
  sha256: string;
}

/** What the hub takes as an example image (its tasks/taskLimits.ts; the hub checks again). */
export const MAX_EXAMPLE_BYTES = 10 * 1024 * 1024;

const refuse = (message: string, code: string) => new ServiceError(message, { code });
export const EMPTY_PROJECT = 'this project has no images or videos to publish: add some to it first';

async function sha256Of(file: string, signal: AbortSignal, onBytes: (n: number) => void): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { signal })) {
    hash.update(chunk as Buffer);
    onBytes((chunk as Buffer).length);
  }
  return hash.digest('hex');
}

/** The file of `relPath` in the root, or a refusal naming it: gone, outside the folder, not an image (not a video, for a video item). */
async function locate(rootPath: string, relPath: string, kind: 'image' | 'video'): Promise<{ file: string; size: number }> {
  try {
    return await resolveMediaPath(rootPath, relPath, kind);
  } catch (error) {
    if (error instanceof MediaError && error.code === 'not-found') {
      throw refuse(`${relPath} is missing from ${rootPath}: it was moved or deleted after it was added to the project. Put it back (or remove the item) and publish again.`, 'file-missing');
    }
    if (error instanceof MediaError) throw refuse(`${relPath}: ${error.message}`, 'file-refused');
    throw error;
  }
}

/**
 * Every file the task will list, checked and hashed BEFORE anything is sent:
 * each item must still be in the project's folder and hash to what intake
 * recorded (a file edited or replaced since would publish other pixels than
 * the ones labeled); no two items may be the same bytes (a task lists each
 * image once); examples must be small enough to show; honeypots must be
 * items of the task, with classes of its label schema. Any problem refuses
 * the whole publish, naming the file.
 */
export async function checkProjectFiles(
  rootPath: string,
  params: Pick<PublishJobParams, 'items' | 'examples' | 'honeypots' | 'terms'>,
  signal: AbortSignal,
  onProgress: (filesDone: number, filesTotal: number, bytes: number) => void,
): Promise<{ items: LocalMedia[]; examples: LocalMedia[] }> {
  if (params.items.length === 0) throw refuse(EMPTY_PROJECT, 'empty-project');
  const videos = params.items.filter((i) => i.video).length;
  if (videos > 0 && videos < params.items.length) {
    throw refuse(
      `this project mixes ${videos} video${videos === 1 ? '' : 's'} and ${params.items.length - videos} image${params.items.length - videos === 1 ? '' : 's'}: a task is all images or all videos (annotators label them in different views); publish them as two projects`,
      'mixed-media',
    );
  }
  const itemPaths = new Set<string>();
  for (const item of params.items) {
    if (itemPaths.has(item.relPath)) throw refuse(`${item.relPath} is listed twice`, 'duplicate-item');
    itemPaths.add(item.relPath);
  }
  const classes = new Set(params.terms.labelSchema.classes.map((c) => c.name));
  const honeypotPaths = new Set<string>();
  for (const honeypot of params.honeypots) {
    if (!itemPaths.has(honeypot.relPath)) throw refuse(`honeypot ${honeypot.relPath} is not an item of the task`, 'honeypot-not-item');
    if (honeypotPaths.has(honeypot.relPath)) throw refuse(`honeypot ${honeypot.relPath} is listed twice`, 'duplicate-honeypot');
    honeypotPaths.add(honeypot.relPath);
    const unknown = honeypot.shapes.find((s) => !classes.has(s.className));
    if (unknown) throw refuse(`honeypot ${honeypot.relPath} has a box of class "${unknown.className}", which the label schema does not define`, 'honeypot-class');
  }
  const examplePaths = params.examples.map((e) => e.relPath);
  if (new Set(examplePaths).size !== examplePaths.length) throw refuse('an example image is chosen twice', 'duplicate-example');

  const expected = new Map(params.items.map((i) => [i.relPath, i.sha256]));
  const paths = [...itemPaths, ...examplePaths.filter((p) => !itemPaths.has(p))];
  const located = new Map<string, { file: string; size: number }>();
  const videoPaths = new Set(params.items.filter((i) => i.video).map((i) => i.relPath));
  for (const relPath of paths) located.set(relPath, await locate(rootPath, relPath, videoPaths.has(relPath) ? 'video' : 'image'));

  const hashed = new Map<string, LocalMedia>();
  const bySha = new Map<string, string>();
  let bytes = 0;
  for (const [index, relPath] of paths.entries()) {
    if (signal.aborted) throw signal.reason;
    const { file, size } = located.get(relPath)!;
    const sha256 = await sha256Of(file, signal, (n) => {
      bytes += n;
      onProgress(index, paths.length, bytes);
    }).catch((error: unknown) => {
      if (signal.aborted) throw error;
      throw refuse(`${relPath} could not be read: ${(error as Error).message}`, 'file-unreadable');
    });
    const recorded = expected.get(relPath);
    if (recorded && recorded !== sha256) {
      throw refuse(`${relPath} changed after it was added to the project (it now hashes to ${sha256.slice(0, 12)}…, not ${recorded.slice(0, 12)}…): restore the file, or make a new project from the folder`, 'file-changed');
    }
    if (itemPaths.has(relPath)) {
      const twin = bySha.get(sha256);
      if (twin) throw refuse(`${relPath} and ${twin} are the same file (sha256 ${sha256.slice(0, 12)}…): a task lists each file once, remove one of them from the project`, 'duplicate-image');
      bySha.set(sha256, relPath);
    }
    hashed.set(relPath, { relPath, file, size, sha256 });
    onProgress(index + 1, paths.length, bytes);
  }
  const examples = examplePaths.map((p) => hashed.get(p)!);
  const big = examples.find((e) => e.size > MAX_EXAMPLE_BYTES);
  if (big) throw refuse(`example ${big.relPath} is ${(big.size / 2 ** 20).toFixed(1)} MiB; example images are at most ${MAX_EXAMPLE_BYTES / 2 ** 20} MiB`, 'example-too-large');
  return { items: params.items.map((i) => hashed.get(i.relPath)!), examples };
}
