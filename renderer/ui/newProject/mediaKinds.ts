import type { IntakeReport } from '../../../electron/common/services';
import type { MediaKind } from '../../store/projectMedia';
import { plural } from '../words/plural';

/** How many readable images and videos a scan found (duplicates included: they are counted as found). */
export function kindCounts(report: IntakeReport): Record<MediaKind, number> {
  const videos = report.accepted.filter((a) => a.kind === 'video').length;
  return { image: report.accepted.length - videos, video: videos };
}

/** A project holds one kind; a folder of both starts as the kind it has more of (images on a tie). */
export function defaultKind(report: IntakeReport): MediaKind {
  const counts = kindCounts(report);
  return counts.video > counts.image ? 'video' : 'image';
}

/** The files a new project takes: its kind only, less the flagged duplicates when the user skips them. */
export function filesToAdd(report: IntakeReport, kind: MediaKind, skipDuplicates: boolean): IntakeReport['accepted'] {
  const dup = new Set(skipDuplicates ? report.duplicates.map((d) => d.relPath) : []);
  return report.accepted.filter((a) => (a.kind ?? 'image') === kind && !dup.has(a.relPath));
}

/** Why "Create project" cannot be pressed for this scan, or null when it can. */
export function nothingToAddReason(report: IntakeReport, kind: MediaKind, skipDuplicates: boolean): string | null {
  if (filesToAdd(report, kind, skipDuplicates).length > 0) return null;
  const counts = kindCounts(report);
  if (counts.image + counts.video === 0) {
    return report.rejected.length > 0 ? `Nothing to add: no file in this folder could be read as an image or a video (${plural(report.rejected.length, 'file')} left out)` : 'Nothing to add: this folder has no images or videos';
  }
  return `Nothing to add: this folder has no ${kind === 'video' ? 'videos' : 'images'} that are not duplicates`;
}
