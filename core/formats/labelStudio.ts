import { z } from 'zod';
import { acceptBox } from './boxPolicy';
import { collecting, FormatError, ProblemCollector } from './formatError';
import { WarningCollector } from './importWarnings';
import { skippedRotated } from './shared/rotatedBox';
import { validElements } from './jsonElements';
import { annotatorOf, chooseAnnotations } from './labelStudioChoice';
import { classIndexer, exportBox, sortByFileName, sortedImages } from './shared/exportOrder';
import { projectImage } from './projectImage';
import { checkImageSize, contextLookup, singleFile, type ContextImage } from './shared/importChecks';
import { parseJsonFile, parseJsonStructure } from './shared/jsonFile';
import { RELATIVE_DECIMALS, roundTo } from './shared/numbers';
import { basename, normalizePath } from './shared/paths';
import type { AnnotationChoice, AnnotationFormat, DatasetBox, DatasetImage, FormatFile, ImportContext, ImportOptions, ImportResult, LabelDataset } from './types';

export const LABEL_STUDIO_FILE = 'tasks.json';

/**
 * A box's recognised text (OCR) travels as Label Studio's OCR template has
 * it: beside the box's `rectanglelabels` result, a `textarea` result of the
 * per-region `<TextArea name="transcription" toName="image" perRegion="true"/>`
 * with the SAME result id and geometry, `value.text` holding the text. On
 * import a textarea result whose id matches a rectangle's becomes that box's
 * `text` attribute; the box's other attributes are not carried.
 */
const TEXT_ATTRIBUTE = 'text';
const TRANSCRIPTION = 'transcription';

const ResultSchema = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  type: z.string(),
  original_width: z.number().optional(),
  original_height: z.number().optional(),
  score: z.number().optional(),
  value: z.unknown(),
});
const RectangleValueSchema = z.object({
  x: z.number(),
  y: z.number(),
  width: z.number(),
  height: z.number(),
  rotation: z.number().optional(),
  rectanglelabels: z.array(z.string().min(1)).min(1),
});
const TextAreaValueSchema = z.object({ text: z.array(z.string()) });
const AnnotationSchema = z.object({
  result: z.array(ResultSchema),
  completed_by: z.unknown().optional(),
  created_at: z.string().optional(),
  updated_at: z.string().optional(),
  was_cancelled: z.boolean().optional(),
});
const TaskSchema = z.object({
  data: z.object({ image: z.string().min(1) }),
  annotations: z.array(AnnotationSchema).optional(),
  predictions: z.array(z.object({ result: z.array(ResultSchema), score: z.number().optional() })).optional(),
});

function exportLabelStudio(dataset: LabelDataset): FormatFile[] {
  const classIndex = classIndexer(dataset);
  const pct = (v: number, size: number) => roundTo((v / size) * 100, RELATIVE_DECIMALS);
  const tasks = sortedImages(dataset).map((image, t) => ({
    id: t + 1,
    data: { image: image.fileName },
    annotations: [
      {
        result: image.boxes.flatMap((b, r) => {
          classIndex(b.className);
          const box = exportBox(b.box, image);
          const region = {
            id: `${t + 1}_${r + 1}`,
            original_width: image.width,
            original_height: image.height,
            image_rotation: 0,
          };
          const geometry = { x: pct(box.x, image.width), y: pct(box.y, image.height), width: pct(box.w, image.width), height: pct(box.h, image.height), rotation: 0 };
          const rectangle = { ...region, type: 'rectanglelabels', from_name: 'label', to_name: 'image', value: { ...geometry, rectanglelabels: [b.className] } };
          const text = boxText(b);
          if (text === undefined) return [rectangle];
          return [rectangle, { ...region, type: 'textarea', from_name: TRANSCRIPTION, to_name: 'image', value: { ...geometry, text: [text] } }];
        }),
      },
    ],
  }));
  return [{ path: LABEL_STUDIO_FILE, content: JSON.stringify(tasks, null, 2) + '\n' }];
}

/** The box's non-empty `text` attribute (name in any case), if it has one. */
function boxText(box: DatasetBox): string | undefined {
  const entry = Object.entries(box.attributes ?? {}).find(([name]) => name.toLowerCase() === TEXT_ATTRIBUTE);
  return typeof entry?.[1] === 'string' && entry[1] !== '' ? entry[1] : undefined;
}

/** The text of each `textarea` result by its result id (lines joined), for the rectangle of the same id. */
function transcriptions(file: string, at: string, results: readonly Result[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const [r, result] of results.entries()) {
    if (result.type !== 'textarea' || result.id === undefined) continue;
    const value = parseJsonStructure(file, TextAreaValueSchema, result.value, `${at}[${r}].value`);
    if (value.text.length > 0) texts.set(String(result.id), value.text.join('\n'));
  }
  return texts;
}

/**
 * The names Label Studio may use for an image: "/data/local-files/?d=dir/a.jpg",
 * a URL, or an upload name with an 8-hex prefix ("1a2b3c4d-a.jpg").
 */
function imageNameCandidates(ref: string): string[] {
  const query = /[?&]d=([^&]+)/.exec(ref);
  const path = normalizePath(query ? safeDecode(query[1]!) : safeDecode(ref.replace(/^[a-z]+:\/\/[^/]+/i, '').replace(/[?#].*$/, '')));
  const base = basename(path);
  const unprefixed = base.replace(/^[0-9a-f]{8}-/i, '');
  return unprefixed !== base ? [path, unprefixed] : [path];
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

type Task = z.infer<typeof TaskSchema>;
type Result = z.infer<typeof ResultSchema>;

/** One list of results to read as boxes: an annotation (a person's) or a prediction (a model's, with its score). */
interface ResultSet {
  at: string;
  results: Result[];
  score?: number;
}

/**
 * The task's annotations the user chose (see chooseAnnotations); a model's
 * prediction is read only when nobody annotated the task, and then only the
 * first. Predictions are model output, not labels: every one not read is
 * counted as 'annotation-not-chosen'.
 */
function chosenResults(file: string, t: number, task: Task, choice: AnnotationChoice, warnings: WarningCollector): ResultSet[] {
  const annotations = task.annotations ?? [];
  if (annotations.length > 0) {
    const { chosen, skipped } = chooseAnnotations(annotations, choice);
    for (const { index, reason } of skipped) {
      warnings.add('annotation-not-chosen', file, `[${t}].annotations[${index}]`, `annotation ${index + 1} of task ${t + 1} skipped: ${reason}`);
    }
    skipPredictions(file, t, task, 0, 'the task has annotations, which are read instead', warnings);
    return chosen.map((a) => ({ at: `[${t}].annotations[${a}].result`, results: annotations[a]!.result }));
  }
  skipPredictions(file, t, task, 1, 'only the first prediction of a task is read', warnings);
  const prediction = task.predictions?.[0];
  return prediction ? [{ at: `[${t}].predictions[0].result`, results: prediction.result, score: prediction.score }] : [];
}

function skipPredictions(file: string, t: number, task: Task, from: number, reason: string, warnings: WarningCollector): void {
  const predictions = task.predictions ?? [];
  for (let p = from; p < predictions.length; p++) {
    warnings.add('annotation-not-chosen', file, `[${t}].predictions[${p}]`, `prediction ${p + 1} of task ${t + 1} skipped: ${reason}`);
  }
}

function importLabelStudio(files: FormatFile[], context: ImportContext, options?: ImportOptions): ImportResult<LabelDataset> {
  const file = singleFile(files, ['.json'], LABEL_STUDIO_FILE, 'Label Studio tasks');
  const problems = new ProblemCollector(file.path);
  const tasks = validElements(problems, TaskSchema, parseJsonStructure(file.path, z.array(z.unknown()), parseJsonFile(file)), '');
  const warnings = new WarningCollector();
  const choice = options?.annotations ?? { kind: 'latest' };
  const lookup = contextLookup(context);
  const classes: string[] = [];
  const annotators = new Set<string>();
  const images = new Map<string, DatasetImage>();
  for (const { index: t, value: task } of tasks) {
    for (const a of task.annotations ?? []) {
      const name = annotatorOf(a);
      if (name !== undefined) annotators.add(name);
    }
    collecting(problems, () => {
      const source = projectImage(lookup, file.path, `[${t}].data.image`, imageNameCandidates(task.data.image), warnings);
      if (!source) return;
      if (images.has(source.fileName)) throw new FormatError(file.path, `[${t}].data.image`, `image "${source.fileName}" has two tasks`);
      const reader: RegionReader = { file: file.path, image: source, classes, warnings, problems };
      const boxes = chosenResults(file.path, t, task, choice, warnings).flatMap((set) => readResultSet(reader, set));
      images.set(source.fileName, { fileName: source.fileName, width: source.width, height: source.height, boxes });
    });
  }
  problems.throwIfAny();
  return {
    dataset: { classes, images: sortByFileName(images.values()) },
    warnings: warnings.result(),
    ...(annotators.size > 0 ? { annotators: [...annotators] } : {}),
  };
}

interface RegionReader {
  file: string;
  image: ContextImage;
  classes: string[];
  warnings: WarningCollector;
  problems: ProblemCollector;
}

/** The boxes of one annotation or prediction; other region types are counted as skipped shapes. */
function readResultSet(reader: RegionReader, { at, results, score }: ResultSet): DatasetBox[] {
  const { file, image, warnings, problems } = reader;
  const texts = collecting(problems, () => transcriptions(file, at, results)) ?? new Map<string, string>();
  const rectangleIds = new Set(results.filter((r) => r.type === 'rectanglelabels' && r.id !== undefined).map((r) => String(r.id)));
  const boxes: DatasetBox[] = [];
  for (const [r, result] of results.entries()) {
    const where = `${at}[${r}]`;
    if (result.type === 'textarea' && result.id !== undefined && rectangleIds.has(String(result.id))) continue;
    if (result.type !== 'rectanglelabels') {
      warnings.add('unsupported-shape', file, where, `a ${result.type} result on image "${image.fileName}" skipped: only rectanglelabels are imported`);
      continue;
    }
    const box = collecting(problems, () => readRectangle(reader, where, result, score, texts));
    if (box) boxes.push(box);
  }
  return boxes;
}

function readRectangle({ file, image, classes, warnings }: RegionReader, at: string, result: Result, setScore: number | undefined, texts: Map<string, string>): DatasetBox | undefined {
  checkImageSize(file, at, image, result.original_width, result.original_height);
  const value = parseJsonStructure(file, RectangleValueSchema, result.value, `${at}.value`);
  if (skippedRotated(file, `${at}.value.rotation`, value.rotation, warnings)) return undefined;
  const [className, ...others] = value.rectanglelabels as [string, ...string[]];
  const box = acceptBox(
    file,
    `${at}.value`,
    { x: (value.x / 100) * image.width, y: (value.y / 100) * image.height, w: (value.width / 100) * image.width, h: (value.height / 100) * image.height },
    image,
    warnings,
  );
  if (!box) return undefined;
  if (!classes.includes(className)) classes.push(className);
  if (others.length > 0) {
    // A box holds one class: the first label is kept, the others are named so nothing goes unsaid.
    const left = others.map((l) => `"${l}"`).join(', ');
    warnings.add('value-changed', file, `${at}.value.rectanglelabels`, `a rectangle on image "${image.fileName}" labelled "${className}" and ${left}: imported as "${className}", ${left} left out`);
  }
  const imported: DatasetBox = { className, box };
  const text = result.id === undefined ? undefined : texts.get(String(result.id));
  if (text !== undefined) imported.attributes = { [TEXT_ATTRIBUTE]: text };
  const score = result.score ?? setScore;
  if (score !== undefined) imported.score = score;
  return imported;
}

export const labelStudioFormat: AnnotationFormat = {
  id: 'labelstudio',
  label: 'Label Studio JSON',
  exportDataset: exportLabelStudio,
  importDataset: importLabelStudio,
};
