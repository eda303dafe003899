import type { IntakeReport } from '../../../electron/common/services';
import type { MediaKind } from '../../store/projectMedia';
import { filesToAdd, kindCounts } from '../../intake/mediaSelection';
import { plural } from '../words/plural';

/** Why "Create project" cannot be pressed for this scan, or null when it can. */
export function nothingToAddReason(report: IntakeReport, kind: MediaKind, skipDuplicates: boolean): string | null {
  if (filesToAdd(report, kind, skipDuplicates).length > 0) return null;
  const counts = kindCounts(report);
  if (counts.image + counts.video === 0) {
    return report.rejected.length > 0 ? `Nothing to add: no file in this folder could be read as an image or a video (${plural(report.rejected.length, 'file')} left out)` : 'Nothing to add: this folder has no images or videos';
  }
  return `Nothing to add: this folder has no ${kind === 'video' ? 'videos' : 'images'} that are not duplicates`;
}
