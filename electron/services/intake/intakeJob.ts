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
    queuePacksForLater(videos, report);
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
  return inspectVideo(videos, { file: media.file, relPath }, media.size, signal);
}

/**
 * Cold jumps are a file read once a video's frame pack exists: made now, in
 * the background, it is ready when the video is opened. Queued once intake's
 * own reading is done (a build reads the whole video again and writes ~10×
 * its size), and not for an exact duplicate (its twin's pack serves the
 * same frames when that one is opened; this one gets its own when opened).
 */
function queuePacksForLater(videos: VideoEngine, report: IntakeReport): void {
  const exactCopies = new Set(report.duplicates.filter((d) => d.kind === 'exact').map((d) => d.relPath));
  for (const accepted of report.accepted) {
    if (accepted.kind !== 'video' || exactCopies.has(accepted.relPath)) continue;
    // Through the media resolver, like any read of the root.
    void videos.resolve(report.rootId, accepted.relPath).then(
      (video) => videos.preparePackForLater(video),
      () => undefined, // gone since it was inspected: the workbench says so when it is opened
    );
  }
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
