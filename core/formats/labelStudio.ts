import { z } from 'zod';
import { FormatError } from './formatError';
import { classIndexer, exportBox, sortByFileName, sortedImages } from './shared/exportOrder';
import { checkImageSize, contextLookup, importedBox, resolveImage, singleFile } from './shared/importChecks';
import { parseJsonFile, parseJsonStructure } from './shared/jsonFile';
import { RELATIVE_DECIMALS, roundTo } from './shared/numbers';
import { basename, normalizePath } from './shared/paths';
import type { AnnotationFormat, DatasetBox, DatasetImage, FormatFile, ImportContext, LabelDataset } from './types';

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
const TasksSchema = z.array(
  z.object({
    data: z.object({ image: z.string().min(1) }),
    annotations: z.array(z.object({ result: z.array(ResultSchema) })).optional(),
    predictions: z.array(z.object({ result: z.array(ResultSchema), score: z.number().optional() })).optional(),
  }),
);

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
function transcriptions(file: string, at: string, results: readonly z.infer<typeof ResultSchema>[]): Map<string, string> {
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

type Task = z.infer<typeof TasksSchema>[number];

/** A person's annotation wins; a model's prediction is read only when nobody annotated the task. */
function chosenResults(task: Task): { key: string; results: z.infer<typeof ResultSchema>[]; score?: number } {
  const annotation = task.annotations?.[0];
  if (annotation) return { key: 'annotations', results: annotation.result };
  const prediction = task.predictions?.[0];
  if (prediction) return { key: 'predictions', results: prediction.result, score: prediction.score };
  return { key: 'annotations', results: [] };
}

function importLabelStudio(files: FormatFile[], context: ImportContext): LabelDataset {
  const file = singleFile(files, ['.json'], LABEL_STUDIO_FILE, 'Label Studio tasks');
  const tasks = parseJsonStructure(file.path, TasksSchema, parseJsonFile(file));
  const lookup = contextLookup(context);
  const classes: string[] = [];
  const images = new Map<string, DatasetImage>();
  for (const [t, task] of tasks.entries()) {
    const source = resolveImage(lookup, file.path, `[${t}].data.image`, imageNameCandidates(task.data.image));
    if (images.has(source.fileName)) throw new FormatError(file.path, `[${t}].data.image`, `image "${source.fileName}" has two tasks`);
    const chosen = chosenResults(task);
    const texts = transcriptions(file.path, `[${t}].${chosen.key}[0].result`, chosen.results);
    const boxes: DatasetBox[] = [];
    for (const [r, result] of chosen.results.entries()) {
      if (result.type !== 'rectanglelabels') continue;
      const at = `[${t}].${chosen.key}[0].result[${r}]`;
      checkImageSize(file.path, at, source, result.original_width, result.original_height);
      const value = parseJsonStructure(file.path, RectangleValueSchema, result.value, `${at}.value`);
      if (value.rotation) throw new FormatError(file.path, `${at}.value.rotation`, `rotated boxes are not supported (rotation ${value.rotation}°)`);
      const className = value.rectanglelabels[0]!;
      if (!classes.includes(className)) classes.push(className);
      const box = {
        x: (value.x / 100) * source.width,
        y: (value.y / 100) * source.height,
        w: (value.width / 100) * source.width,
        h: (value.height / 100) * source.height,
      };
      const imported: DatasetBox = { className, box: importedBox(file.path, `${at}.value`, box, source) };
      const text = result.id === undefined ? undefined : texts.get(String(result.id));
      if (text !== undefined) imported.attributes = { [TEXT_ATTRIBUTE]: text };
      const score = result.score ?? chosen.score;
      if (score !== undefined) imported.score = score;
      boxes.push(imported);
    }
    images.set(source.fileName, { fileName: source.fileName, width: source.width, height: source.height, boxes });
  }
  return { classes, images: sortByFileName(images.values()) };
}

export const labelStudioFormat: AnnotationFormat = {
  id: 'labelstudio',
  label: 'Label Studio JSON',
  exportDataset: exportLabelStudio,
  importDataset: importLabelStudio,
};
