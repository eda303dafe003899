import type { Project } from '../../../core/model/project';
import type { ModelSummary } from '../../../electron/common/services';
import { usePrelabelJob } from './usePrelabelJob';
import { usePrelabelRunner, type PrelabelRunner } from './usePrelabelRunner';
import { usePrelabelSettings } from './usePrelabelSettings';
import { useModels, type ModelsState } from './useModels';
import type { PrelabelSettings } from './prelabelSettings';
import type { PrelabelJobController, PrelabelJobView } from '../../prelabel/prelabelJobController';

export interface PrelabelSession {
  settings: PrelabelSettings | null;
  updateSettings: (next: PrelabelSettings) => void;
  models: ModelsState;
  model: ModelSummary | undefined;
  job: PrelabelJobController;
  jobView: PrelabelJobView | null;
  jobError: string | null;
  runner: PrelabelRunner;
}

/** Everything pre-labeling needs in the labeling view, for one project. */
export function usePrelabel(project: Project, author: string): PrelabelSession {
  const { settings, update } = usePrelabelSettings(project.id);
  const models = useModels(settings?.modelId ?? null);
  const model = models.models.find((m) => m.id === settings?.modelId);
  const { controller, view, restoreError } = usePrelabelJob(project.id, author);
  const runner = usePrelabelRunner(project, model, settings, controller, author);
  return { settings, updateSettings: update, models, model, job: controller, jobView: view, jobError: restoreError, runner };
}
