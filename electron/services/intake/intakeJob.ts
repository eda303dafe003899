import { setMaxListeners } from 'node:events';
import { readFile } from 'node:fs/promises';
import type { IntakeReport } from '../../common/services/intake';
import type { JobHandler } from '../jobs/jobRunner';
import { MediaError } from '../media/mediaErrors';
import { resolveMediaPath } from '../media/resolveMediaPath';
import type { RootStore } from '../media/rootStore';
import { isVideoFile } from '../media/videoTypes';
import type { VideoEngine } from '../video/videoEngine';
import { decodeImage } from './decodeImage';
import { findDuplicates } from './findDuplicates';
import { inspectVideo, type InspectOutcome } from './inspectVideo';
import { mapLimited } from './mapLimited';
import { walkMedia } from './walkMedia';

/** Decoding is CPU- and memory-heavy; two at a time keeps the host responsive on a 2-core machine. */
const DECODE_CONCURRENCY = 2;

/**
 * The 'intake' job: every image and video under a granted root is read
 * through the media resolver (same rules as any read); images are decoded
 * once, videos probed (see inspectVideo.ts); bad files are rejected with a
 * reason, duplicates flagged.
 */
export function createIntakeJob(roots: RootStore, videos: VideoEngine): JobHandler<{ kind: 'intake'; rootId: string }> {
  return async ({ rootId }, { signal, progress }) => {
    // Each video's pack made for later listens to this signal until it is made (packs stop with the job).
    setMaxListeners(0, signal);
    const rootPath = await roots.pathOf(rootId);
    progress(0, 0, 'listing media files');
    const files = await walkMedia(rootPath, signal);
    let done = 0;
    progress(0, files.length, `checking ${files.length} files`);
    const outcomes = await mapLimited(
      files,
      DECODE_CONCURRENCY,
      async (relPath) => {
        const outcome = isVideoFile(relPath) ? await inspectVideoAt(videos, rootPath, relPath, signal) : await inspectImage(rootPath, relPath);
        progress(++done, files.length, relPath);
        return outcome;
      },
      signal,
    );
    const report: IntakeReport = { rootId, rootPath, accepted: [], rejected: [], duplicates: [] };
    outcomes.forEach((outcome, i) => {
      const relPath = files[i]!;
      if (outcome.ok) {
        const { ok: _ok, ...rest } = outcome;
        report.accepted.push({ relPath, ...rest });
      } else report.rejected.push({ relPath, reason: outcome.reason });
    });
    report.duplicates = findDuplicates(report.accepted);
    return report;
  };
}

async function inspectVideoAt(videos: VideoEngine, rootPath: string, relPath: string, signal: AbortSignal): Promise<InspectOutcome> {
  let media;
  try {
    media = await resolveMediaPath(rootPath, relPath, 'video');
  } catch (error) {
    if (error instanceof MediaError) return { ok: false, reason: error.message };
    throw error;
  }
  const outcome = await inspectVideo(videos, { file: media.file, relPath }, media.size, signal);
  // Cold jumps are a file read once the pack exists; made now, it is ready when the video is opened.
  if (outcome.ok) void videos.preparePackForLater({ file: media.file, relPath }, signal);
  return outcome;
}

async function inspectImage(rootPath: string, relPath: string): Promise<InspectOutcome> {
  let data: Buffer;
  try {
    const media = await resolveMediaPath(rootPath, relPath);
    data = await readFile(media.file);
  } catch (error) {
    if (error instanceof MediaError) return { ok: false, reason: error.message };
    return { ok: false, reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
  return decodeImage(data);
}
