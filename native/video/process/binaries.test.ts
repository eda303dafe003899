import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VideoError } from '../errors';
import { resolveBinaries, usable } from './binaries';
import { runTool } from './runTool';

describe('video binaries', () => {
  it('gives the owner-only-executable ffprobe (as shipped, npm skipped its chmod) the exec bit for everyone', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'groundwork-bin-'));
    const file = path.join(dir, 'ffprobe');
    await fs.writeFile(file, '#!/bin/sh\necho ok\n', { mode: 0o744 });
    expect(usable('ffprobe', file, 'GROUNDWORK_FFPROBE')).toBe(file);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o755);
  });

  it('names the path and the override when a binary is missing', () => {
    const error = (() => {
      try {
        return usable('ffmpeg', '/nowhere/ffmpeg', 'GROUNDWORK_FFMPEG');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(VideoError);
    expect((error as VideoError).message).toBe('ffmpeg not found at /nowhere/ffmpeg; install it or set GROUNDWORK_FFMPEG');
  });

  it('resolves runnable ffmpeg and ffprobe', async () => {
    const { ffmpeg, ffprobe } = resolveBinaries();
    expect((await runTool(ffmpeg, ['-version'])).stdout).toMatch(/^ffmpeg version/);
    expect((await runTool(ffprobe, ['-version'])).stdout).toMatch(/^ffprobe version/);
  });
});
