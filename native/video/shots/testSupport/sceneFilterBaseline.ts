import { spawnTool } from '../../process/runTool';
import { resolveBinaries } from '../../process/binaries';
import { frameAtTime } from '../../frames/seekTime';
import type { VideoProbe } from '../../types';
import { SceneScoreReader } from './sceneScoreLines';

/**
 * The baseline shot detector: ffmpeg's own scene score (`select` filter,
 * lavfi.scene_score), on frames scaled to `scaleWidth` (null: full size).
 * Returns every frame's score so any threshold can be applied to the same
 * pass; `select='gt(scene,T)'` keeps exactly the frames whose score is
 * above T.
 */
export function sceneFilterScores(probe: VideoProbe, scaleWidth: number | null): Promise<number[]> {
  const scale = scaleWidth === null ? '' : `scale=${scaleWidth}:-2,`;
  const scores = new Array<number>(probe.info.frameCount).fill(0);
  return new Promise((resolve, reject) => {
    const child = spawnTool(resolveBinaries().ffmpeg, [
      '-hide_banner', '-nostats', '-nostdin', '-v', 'info', '-copyts', '-i', probe.path, '-an', '-sn', '-dn',
      '-vf', `${scale}select='gte(scene,0)',metadata=print:key=lavfi.scene_score`, '-vsync', 'passthrough', '-f', 'null', '-',
    ]);
    const reader = new SceneScoreReader();
    let tail = '';
    child.stdout!.resume();
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (text: string) => {
      tail = (tail + text).slice(-2000);
      reader.push(text, () => {}, (time, score) => {
        const n = frameAtTime(probe.frameTimes, time - probe.startTime);
        if (n >= 0) scores[n] = score;
      });
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(scores) : reject(new Error(`scene filter on ${probe.path} failed (exit ${code}): ${tail.trim().split('\n').at(-1)}`))));
  });
}
