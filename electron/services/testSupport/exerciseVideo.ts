// The video service through a real proxy; part of exerciseContract, so the
// in-memory transport and the browser host's WebSocket are held to the same
// expectations (JPEG bytes arrive intact, errors keep their name and code).
import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import { RemoteError } from '../../common/contract/errors';
import { FrameImageSchema, VideoProbeSchema } from '../../common/services';
import type { ContractClients } from './contractClients';
import { tempDir } from './fixtureImages';
import { frameIndexOf, placeVideo } from './fixtureVideos';

export async function exerciseVideo(clients: ContractClients) {
  const { media, video } = clients;
  const mediaDir = await tempDir('contract-video');
  const outside = await tempDir('contract-video-outside');
  await placeVideo('short', mediaDir, 'clips/pattern.mp4');
  await symlink(await placeVideo('short', outside, 'secret.mp4'), path.join(mediaDir, 'escape.mp4'));
  const { rootId } = await media.openFolder({ path: mediaDir });
  const relPath = 'clips/pattern.mp4';

  const probe = VideoProbeSchema.parse(await video.probe({ rootId, relPath }));
  expect(probe).toMatchObject({ width: 320, height: 240, keyframes: [0, 30], info: { frameCount: 60, fps: 30, variableFrameRate: false, codec: 'h264', rotation: 0 } });

  for (const [frame, direction] of [[0, 'none'], [17, 'forward'], [59, 'backward'], [30, 'none']] as const) {
    const image = FrameImageSchema.parse(await video.getFrame({ rootId, relPath, frame, direction }));
    expect(image).toMatchObject({ frame, mime: 'image/jpeg', width: 320, height: 240 });
    expect(image.bytes).toBeInstanceOf(Uint8Array);
    expect(await frameIndexOf(image.bytes!)).toBe(frame);
  }
  // `direction` is optional and defaults to 'none'.
  expect((await video.getFrame({ rootId, relPath, frame: 5 } as never)).frame).toBe(5);

  const outOfRange = await video.getFrame({ rootId, relPath, frame: 60, direction: 'none' }).catch((e: unknown) => e);
  expect(outOfRange).toBeInstanceOf(RemoteError);
  expect(outOfRange).toMatchObject({ remoteName: 'VideoError', details: { code: 'frame-out-of-range' } });
  expect((outOfRange as Error).message).toMatch(/^Frame 60 is outside/);
  expect((outOfRange as Error).message).not.toContain(mediaDir);

  // The media resolver's rules hold for video paths too.
  await expect(video.probe({ rootId, relPath: '../outside.mp4' })).rejects.toThrow(/invalid arguments for video\.probe: relPath: path must be relative/);
  await expect(video.getFrame({ rootId, relPath: 'clips/../../x.mp4', frame: 0, direction: 'none' })).rejects.toThrow(/relPath: path must be relative/);
  await expect(video.probe({ rootId, relPath: 'escape.mp4' })).rejects.toMatchObject({ remoteName: 'MediaError', details: { code: 'forbidden' } });
  await expect(video.probe({ rootId, relPath: 'clips/missing.mp4' })).rejects.toThrow('"clips/missing.mp4" does not exist in the media folder');
  await expect(video.probe({ rootId, relPath: 'clips/pattern.png' })).rejects.toMatchObject({ remoteName: 'MediaError', details: { code: 'not-a-video' } });
  await expect(video.probe({ rootId: 'nope', relPath })).rejects.toThrow(/no media folder with id "nope"/);
}
