import type { LabelSchema } from '../../core/model/labelSchema';
import type { IntakeReport, MediaRoot } from '../../electron/common/services';
import type { LabelStore } from '../store/labelStore';
import type { MediaKind } from '../store/projectMedia';
import { filesToAdd } from './mediaSelection';

/** A project of one kind of media from a scanned folder: the files of the other kind are left out (the form has said so). */
export async function createProjectFromReport(
  store: LabelStore,
  options: { name: string; root: MediaRoot; report: IntakeReport; kind: MediaKind; labelSchema: LabelSchema; skipDuplicates: boolean },
): Promise<string> {
  const project = await store.createProject(options.name, options.root.rootId, options.root.path, options.labelSchema);
  await store.addItems(project.id, filesToAdd(options.report, options.kind, options.skipDuplicates));
  return project.id;
}
