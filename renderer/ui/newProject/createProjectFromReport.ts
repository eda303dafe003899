import type { LabelSchema } from '../../../core/model/labelSchema';
import type { IntakeReport, MediaRoot } from '../../../electron/common/services';
import type { LabelStore } from '../../store/labelStore';

/** The accepted files of an intake report, less the flagged duplicates when the user skips them. */
export function acceptedFiles(report: IntakeReport, skipDuplicates: boolean): IntakeReport['accepted'] {
  if (!skipDuplicates) return report.accepted;
  const dup = new Set(report.duplicates.map((d) => d.relPath));
  return report.accepted.filter((a) => !dup.has(a.relPath));
}

export async function createProjectFromReport(
  store: LabelStore,
  options: { name: string; root: MediaRoot; report: IntakeReport; labelSchema: LabelSchema; skipDuplicates: boolean },
): Promise<string> {
  const project = await store.createProject(options.name, options.root.rootId, options.root.path, options.labelSchema);
  await store.addItems(project.id, acceptedFiles(options.report, options.skipDuplicates));
  return project.id;
}
