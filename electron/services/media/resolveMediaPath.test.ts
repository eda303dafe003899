import { mkdir, realpath, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makePng, tempDir } from '../testSupport/fixtureImages';
import { MediaError } from './mediaErrors';
import { resolveMediaPath } from './resolveMediaPath';

async function fixture() {
  const root = await realpath(await tempDir('resolve-root'));
  const outside = await realpath(await tempDir('resolve-outside'));
  await mkdir(path.join(root, 'sub'));
  await writeFile(path.join(root, 'sub', 'ok.png'), await makePng(8, 8));
  await writeFile(path.join(outside, 'secret.png'), await makePng(8, 8));
  await symlink(path.join(outside, 'secret.png'), path.join(root, 'escape.png'));
  await symlink(outside, path.join(root, 'escape-dir'));
  await symlink(path.join(root, 'sub', 'ok.png'), path.join(root, 'inner-link.png'));
  await writeFile(path.join(root, 'notes.txt'), 'text');
  await mkdir(path.join(root, 'folder.png'));
  return { root, outside };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (e: unknown) => e);
  return error instanceof MediaError ? error.code : `no MediaError: ${String(error)}`;
}

describe('resolveMediaPath', () => {
  it('resolves images inside the root, including links that stay inside', async () => {
    const { root } = await fixture();
    expect(await resolveMediaPath(root, 'sub/ok.png')).toMatchObject({ file: path.join(root, 'sub', 'ok.png'), mime: 'image/png' });
    expect((await resolveMediaPath(root, 'inner-link.png')).file).toBe(path.join(root, 'sub', 'ok.png'));
  });

  it('refuses traversal, absolute paths, escaping symlinks, non-images and folders', async () => {
    const { root, outside } = await fixture();
    expect(await codeOf(resolveMediaPath(root, '../x.png'))).toBe('forbidden');
    expect(await codeOf(resolveMediaPath(root, 'sub/../../x.png'))).toBe('forbidden');
    expect(await codeOf(resolveMediaPath(root, 'sub\\..\\..\\x.png'))).toBe('forbidden');
    expect(await codeOf(resolveMediaPath(root, path.join(outside, 'secret.png')))).toBe('forbidden');
    expect(await codeOf(resolveMediaPath(root, 'C:/x.png'))).toBe('forbidden');
    expect(await codeOf(resolveMediaPath(root, 'escape.png'))).toBe('forbidden');
    expect(await codeOf(resolveMediaPath(root, 'escape-dir/secret.png'))).toBe('forbidden');
    expect(await codeOf(resolveMediaPath(root, 'notes.txt'))).toBe('not-an-image');
    expect(await codeOf(resolveMediaPath(root, 'folder.png'))).toBe('not-found');
    expect(await codeOf(resolveMediaPath(root, 'missing.png'))).toBe('not-found');
    expect(await codeOf(resolveMediaPath(root, 'a\0.png'))).toBe('invalid');
  });

  it('applies the same rules to video paths, accepting only video types, with no size cap', async () => {
    const { root, outside } = await fixture();
    await writeFile(path.join(root, 'sub', 'clip.mp4'), 'container bytes');
    await writeFile(path.join(outside, 'secret.mov'), 'container bytes');
    await symlink(path.join(outside, 'secret.mov'), path.join(root, 'escape.mov'));
    await symlink(path.join(root, 'sub', 'ok.png'), path.join(root, 'image-in-disguise.mp4'));
    expect(await resolveMediaPath(root, 'sub/clip.mp4', 'video')).toMatchObject({ file: path.join(root, 'sub', 'clip.mp4'), mime: 'video/mp4' });
    expect(await codeOf(resolveMediaPath(root, '../x.mp4', 'video'))).toBe('forbidden');
    expect(await codeOf(resolveMediaPath(root, 'sub/../../x.mkv', 'video'))).toBe('forbidden');
    expect(await codeOf(resolveMediaPath(root, path.join(outside, 'secret.mov'), 'video'))).toBe('forbidden');
    expect(await codeOf(resolveMediaPath(root, 'escape.mov', 'video'))).toBe('forbidden');
    expect(await codeOf(resolveMediaPath(root, 'image-in-disguise.mp4', 'video'))).toBe('not-a-video');
    expect(await codeOf(resolveMediaPath(root, 'sub/ok.png', 'video'))).toBe('not-a-video');
    // Images stay images: a video path is refused where an image is read.
    expect(await codeOf(resolveMediaPath(root, 'sub/clip.mp4'))).toBe('not-an-image');
    await expect(resolveMediaPath(root, 'sub/ok.png', 'video')).rejects.toThrow('"sub/ok.png" is not a video file (MP4, MOV, MKV, WebM, AVI, M4V)');
  });
});
