import { useCallback, useRef, useState } from 'react';
import { unknownModelClasses, withModelClasses } from '../../../core/prelabel/classMapping';
import type { Item } from '../../../core/model/item';
import type { Project } from '../../../core/model/project';
import { newId } from '../../../core/util/ids';
import type { ModelSummary } from '../../../electron/common/services';
import { useHost } from '../../platform/HostContext';
import { useStore } from '../StoreContext';
import { outcomeOf, type PrelabelJobController } from '../../prelabel/prelabelJobController';
import type { PrelabelSettings } from './prelabelSettings';
import { prepareTextAttributes } from '../../prelabel/textAttributeSetup';

/** The model's classes the project lacks, waiting for the annotator's answer. */
export interface ClassQuestion {
  names: string[];
  answer: (add: boolean) => void;
}

export interface PrelabelRunner {
  /** Pre-label one item now (button, Ctrl+L). */
  runItem(item: Item): Promise<void>;
  /** Pre-label these items as a background job. */
  runJob(items: readonly Item[]): Promise<void>;
  busy: boolean;
  status: string | null;
  /** A change made to the project for the run (an OCR model's classes got a `text` attribute), said once. */
  notice: string | null;
  question: ClassQuestion | null;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Starting pre-label runs: checks the model, asks once to add the model's
 * classes the project lacks (OCR's `text` comes with `text` and `quad`
 * attributes), gives the classes an OCR model maps to those attributes
 * where they lack them (and says so), then runs one item through inference.predictItem or many as
 * a 'prelabel' job.
 */
export function usePrelabelRunner(project: Project, model: ModelSummary | undefined, settings: PrelabelSettings | null, jobs: PrelabelJobController, author: string): PrelabelRunner {
  const host = useHost();
  const store = useStore();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [question, setQuestion] = useState<ClassQuestion | null>(null);
  const projectRef = useRef(project);
  projectRef.current = project;

  /** Resolves false when there is no usable model; adds missing classes if the annotator agrees. */
  const prepare = useCallback(async (): Promise<{ modelId: string; thresholds: { confidence: number; iou: number } } | null> => {
    if (!model || !settings) {
      setStatus('Choose a model first.');
      return null;
    }
    if (!model.available) {
      setStatus(`Model ${model.name} cannot be used: ${model.problems.join('; ')}`);
      return null;
    }
    const missing = unknownModelClasses(projectRef.current.labelSchema, model.classes);
    if (missing.length > 0) {
      const add = await new Promise<boolean>((resolve) => setQuestion({ names: missing, answer: resolve }));
      setQuestion(null);
      if (add) await store.updateLabelSchema(project.id, withModelClasses((await store.getProject(project.id))!.labelSchema, missing, model.task));
    }
    // Without a `text` attribute on its class an OCR box's recognised text would be dropped.
    const added = await prepareTextAttributes(store, project.id, model.classes, model.task);
    if (added) setNotice(added);
    return { modelId: model.id, thresholds: { confidence: settings.confidence, iou: settings.iou } };
  }, [model, settings, store, project.id]);

  const runItem = useCallback(
    async (item: Item) => {
      if (busy) return;
      setBusy(true);
      try {
        const ready = await prepare();
        if (!ready) return;
        setStatus(`Pre-labeling ${item.relPath}…`);
        const result = await host.inference.predictItem({ ...ready, rootId: project.rootId, itemId: item.id, relPath: item.relPath });
        const { run } = await store.prelabel.ingest({ runId: newId('run_'), ...ready, modelClasses: model?.classes, itemId: item.id, outcome: outcomeOf(result), author });
        const made = run.predictions.filter((p) => p.classId !== null).length;
        setStatus(run.error ? `${item.relPath}: ${run.error}` : `${item.relPath}: ${made} pre-label${made === 1 ? '' : 's'}`);
      } catch (e) {
        setStatus(`Pre-label failed: ${message(e)}`);
      } finally {
        setBusy(false);
      }
    },
    [busy, prepare, host, store, project.rootId, author, model],
  );

  const runJob = useCallback(
    async (items: readonly Item[]) => {
      if (busy || items.length === 0) return;
      setBusy(true);
      try {
        const ready = await prepare();
        if (!ready) return;
        await jobs.start({ ...ready, rootId: project.rootId, items: items.map((i) => ({ itemId: i.id, relPath: i.relPath })) }, model?.classes, model?.task);
        setStatus(null);
      } catch (e) {
        setStatus(`Could not start the pre-label job: ${message(e)}`);
      } finally {
        setBusy(false);
      }
    },
    [busy, prepare, jobs, project.rootId, model],
  );

  return { runItem, runJob, busy, status, notice, question };
}
