import path from 'node:path';
import { VideoError } from '../errors';
import { resolveBinaries } from '../process/binaries';
import { spawnTool } from '../process/runTool';
import { probeVideo } from '../probe/probeVideo';
import { frameAtTime } from '../frames/seekTime';
import type { DetectShotsOptions, ShotsResult } from '../types';
import { SceneScoreReader } from './sceneScoreLines';
import { segmentsFromScores } from './segmentsFromScores';

/** Progress events at most this often: the host forwards each one to the renderer. */
const PROGRESS_INTERVAL_MS = 200;

/**
 * One ffmpeg pass scoring every frame for a scene change. Downscaling to
 * 160 px wide first is why it beats the plain scene filter: select's score
 * needs rgb24, and converting 160×90 instead of the full frame is cheap.
 */
export async function detectShots(file: string, options: DetectShotsOptions = {}): Promise<ShotsResult> {
  const threshold = options.threshold ?? 0.3;
  const probe = options.probe ?? (await probeVideo(file, { cacheDir: options.cacheDir, signal: options.signal }));
  const total = probe.info.frameCount;
  const scores = new Array<number>(total).fill(0);
  let done = 0;
  let lastReport = 0;
  const report = (force: boolean) => {
    const now = Date.now();
    if (!force && now - lastReport < PROGRESS_INTERVAL_MS) return;
    lastReport = now;
    options.onProgress?.({ done: Math.min(done, total), total });
  };
  const toFrame = (time: number) => frameAtTime(probe.frameTimes, time - probe.startTime);

  await new Promise<void>((resolve, reject) => {
    if (options.signal?.aborted) return reject(cancelled());
    const child = spawnTool(resolveBinaries().ffmpeg, [
      '-hide_banner', '-nostats', '-nostdin', '-v', 'info', '-copyts', '-i', probe.path, '-an', '-sn', '-dn',
      '-vf', "scale=160:-2:flags=fast_bilinear,select='gte(scene,0)',metadata=print:key=lavfi.scene_score",
      '-vsync', 'passthrough', '-f', 'null', '-',
    ]);
    const reader = new SceneScoreReader();
    let tail = '';
    child.stdout!.resume();
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (text: string) => {
      tail = (tail + text).slice(-2000);
      reader.push(
        text,
        () => {
          done++;
          report(false);
        },
        (time, score) => {
          const n = toFrame(time);
          if (n >= 0) scores[n] = Math.min(1, Math.max(0, score));
        },
      );
    });
    const onAbort = () => child.kill('SIGKILL');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error) => reject(new VideoError('binary-unavailable', `Could not start ffmpeg: ${error.message}`)));
    child.on('close', (code) => {
      options.signal?.removeEventListener('abort', onAbort);
      if (options.signal?.aborted) return reject(cancelled());
      if (code !== 0) {
        return reject(new VideoError('ffmpeg-failed', `Shot detection failed on ${path.basename(probe.path)}: ${tail.trim().split('\n').at(-1) ?? `exit ${code}`}`));
      }
      resolve();
    });
  });
  done = total;
  report(true);
  return { segments: segmentsFromScores(scores, threshold), scores };
}

function cancelled(): VideoError {
  return new VideoError('cancelled', 'Shot detection was cancelled');
}
