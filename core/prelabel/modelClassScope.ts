import type { LabelSchema } from '../model/labelSchema';
import { classIdByModelName } from './classMapping';
import type { PrelabelRun } from './types';

/**
 * The project classes a model can predict, so "missed" never blames a text
 * detector for a hand-drawn cat: the model's class names (as its run records
 * list them) mapped to project classes by name, plus the classes it did
 * predict. Records without the names leave only the latter — an undercount
 * for classes it never proposed, never an overcount.
 */
export function classesModelMapsTo(schema: LabelSchema, modelRuns: Iterable<PrelabelRun>): Set<string> {
  const classOf = classIdByModelName(schema);
  const out = new Set<string>();
  for (const run of modelRuns) {
    for (const name of run.modelClasses ?? []) {
      const id = classOf(name);
      if (id !== null) out.add(id);
    }
    for (const p of run.predictions) if (p.classId !== null) out.add(p.classId);
  }
  return out;
}

/** classesModelMapsTo for every model that has a run. */
export function classScopesByModel(schema: LabelSchema, runs: Iterable<PrelabelRun>): Map<string, Set<string>> {
  const byModel = new Map<string, PrelabelRun[]>();
  for (const run of runs) byModel.set(run.modelId, [...(byModel.get(run.modelId) ?? []), run]);
  return new Map([...byModel].map(([modelId, list]) => [modelId, classesModelMapsTo(schema, list)]));
}
