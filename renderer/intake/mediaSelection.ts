import type { IntakeReport } from '../../electron/common/services';
import type { MediaKind } from '../store/projectMedia';

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
