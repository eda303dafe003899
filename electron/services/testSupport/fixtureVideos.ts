// Real video files for tests: the video engine's generated fixtures (made
// at test time by the bundled ffmpeg), copied into a media folder, because
// the media resolver refuses links that leave the granted root.
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fixture, PATTERN_WIDTH, type FixtureName } from '../../../native/video/testSupport/fixtures';
import { readFrameIndex } from '../../../native/video/testSupport/indexPattern';

/**
 * Copies a generated fixture to `root/relPath`. Pattern fixtures ('short':
 * 60 frames, keyframes every 30; 'fourSeconds': 120 frames, keyframes every
 * 30) are 320×240 at 30 fps and show their own frame index; 'twoShots' cuts
 * at frame 60; 'truncated', 'notVideo', 'audioOnly', 'zeroFrames' are bad input.
 */
export async function placeVideo(name: FixtureName, root: string, relPath: string): Promise<string> {
  const target = path.join(root, ...relPath.split('/'));
  await mkdir(path.dirname(target), { recursive: true });
  await copyFile(await fixture(name), target);
  return target;
}

/** The frame index a decoded pattern frame shows. */
export function frameIndexOf(jpeg: Uint8Array): Promise<number> {
  return readFrameIndex(jpeg, PATTERN_WIDTH);
}
