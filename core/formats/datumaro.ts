import { z } from 'zod';
import { AttributeValueSchema } from '../model/labelSchema';
import { acceptBox } from './boxPolicy';
import { settleFlags } from './boxFlags';
import { collecting, FormatError, ProblemCollector } from './formatError';
import { refuseOtherImporter } from './importerMismatch';
import { WarningCollector } from './importWarnings';
import { skippedRotated } from './shared/rotatedBox';
import { validElements } from './jsonElements';
import { classIndexer, exportBox, sortByFileName, sortedImages } from './shared/exportOrder';
import { createImageLookup, type ImageLookup } from './shared/imageLookup';
import { projectImage } from './projectImage';
import { checkImageSize, contextLookup, type ContextImage } from './shared/importChecks';
import { parseJsonFile, parseJsonStructure } from './shared/jsonFile';
import { stripExtension } from './shared/paths';
import type { AnnotationFormat, DatasetBox, DatasetImage, FormatFile, ImportContext, ImportResult, LabelDataset } from './types';

/**
 * Datumaro's own format, which CVAT exports as "Datumaro 1.0":
 * annotations/<subset>.json with `categories.label.labels` (index = label_id)
 * and `items`, each with its annotations and `image: { path, size: [height, width] }`
 * (newer writers add `media: { path }`). Only "bbox" annotations are boxes;
 * their `attributes` (CVAT puts `occluded` there) are kept.
 */
export const DATUMARO_FILE = 'annotations/default.json';

const LabelCategoriesSchema = z.object({ labels: z.array(z.object({ name: z.string().min(1) })) });
const DatumaroFileSchema = z.object({
  categories: z.object({ label: LabelCategoriesSchema.optional() }).passthrough().optional(),
  items: z.array(z.unknown()),
});
const ItemSchema = z.object({
  id: z.union([z.string(), z.number()]),
  annotations: z.array(z.unknown()).default([]),
  image: z.object({ path: z.string().optional(), size: z.tuple([z.number(), z.number()]).optional() }).nullish(),
  media: z.object({ path: z.string().optional() }).nullish(),
});
const AnnotationSchema = z.object({
  type: z.string(),
  label_id: z.number().int().nullish(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
});

function exportDatumaro(dataset: LabelDataset): FormatFile[] {
  const classIndex = classIndexer(dataset);
  let annotationId = 0;
  const items = sortedImages(dataset).map((image, frame) => ({
    id: stripExtension(image.fileName),
    annotations: image.boxes.map((b) => {
      const box = exportBox(b.box, image);
      return {
        id: annotationId++,
        type: 'bbox',
        // CVAT writes occluded on every box; a box without it is not occluded.
        attributes: { occluded: false, ...b.attributes, ...(b.score !== undefined ? { score: b.score } : {}) },
        group: 0,
        label_id: classIndex(b.className),
        z_order: 0,
        bbox: [box.x, box.y, box.w, box.h],
      };
    }),
    attr: { frame },
    image: { path: image.fileName, size: [image.height, image.width] },
  }));
  const doc = {
    info: {},
    // As CVAT writes it: occluded is common to all labels, the others are named on the label that uses them.
    categories: { label: { labels: dataset.classes.map((name) => ({ name, parent: '', attributes: attributeNames(dataset, name) })), attributes: ['occluded'] } },
    items,
  };
  return [{ path: DATUMARO_FILE, content: JSON.stringify(doc, null, 2) + '\n' }];
}

/** The attribute names a class's boxes use, besides occluded, in first-use order. */
function attributeNames(dataset: LabelDataset, className: string): string[] {
  const names = new Set<string>();
  for (const image of dataset.images) {
    for (const b of image.boxes) if (b.className === className) for (const name of Object.keys(b.attributes ?? {})) if (name !== 'occluded') names.add(name);
  }
  return [...names];
}

interface ItemReader {
  file: string;
  labels: string[];
  classes: string[];
  warnings: WarningCollector;
  problems: ProblemCollector;
}

function importDatumaro(files: FormatFile[], context: ImportContext): ImportResult<LabelDataset> {
  refuseOtherImporter(files, 'image');
  const jsonFiles = files.filter((f) => f.path.toLowerCase().endsWith('.json'));
  if (jsonFiles.length === 0) throw new FormatError(DATUMARO_FILE, '', 'missing: no Datumaro annotations/<subset>.json file was given');
  const lookup = contextLookup(context);
  // Item ids are image paths without the extension.
  const byStem = createImageLookup(context.images, (i) => stripExtension(i.fileName));
  const warnings = new WarningCollector();
  const classes: string[] = [];
  const images = new Map<string, DatasetImage>();
  // One file per subset (train.json, val.json…): their items are images of one project.
  for (const file of jsonFiles) {
    const doc = parseJsonStructure(file.path, DatumaroFileSchema, parseJsonFile(file));
    const labels = doc.categories?.label?.labels.map((l) => l.name) ?? [];
    for (const name of labels) if (!classes.includes(name)) classes.push(name);
    const problems = new ProblemCollector(file.path);
    const reader: ItemReader = { file: file.path, labels, classes, warnings, problems };
    for (const { index: i, value: item } of validElements(problems, ItemSchema, doc.items, 'items')) {
      collecting(problems, () => {
        const at = `items[${i}]`;
        const source = itemImage(file.path, at, item, { lookup, byStem, warnings });
        if (!source) return;
        if (images.has(source.fileName)) throw new FormatError(file.path, at, `image "${source.fileName}" is listed twice`);
        const size = item.image?.size;
        if (size) checkImageSize(file.path, `${at}.image.size`, source, size[1], size[0]);
        const boxes = validElements(problems, AnnotationSchema, item.annotations, `${at}.annotations`).flatMap(
          ({ index, value }) => collecting(problems, () => readAnnotation(reader, `${at}.annotations[${index}]`, value, source)) ?? [],
        );
        images.set(source.fileName, { fileName: source.fileName, width: source.width, height: source.height, boxes });
      });
    }
    problems.throwIfAny();
  }
  const dataset = { classes, images: sortByFileName(images.values()) };
  settleFlags(dataset.images);
  return { dataset, warnings: warnings.result() };
}

/** The item's image by image.path or media.path; else by its id, which is the image's path without extension. */
function itemImage(
  file: string,
  at: string,
  item: z.infer<typeof ItemSchema>,
  { lookup, byStem, warnings }: { lookup: ImageLookup<ContextImage>; byStem: ImageLookup<ContextImage>; warnings: WarningCollector },
): ContextImage | undefined {
  const named = [item.image?.path, item.media?.path].filter((p): p is string => !!p);
  const byId = byStem.find(String(item.id));
  if (byId.length === 1 && named.every((n) => lookup.find(n).length === 0)) return byId[0]!;
  return projectImage(lookup, file, at, [...named, String(item.id)], warnings);
}

function readAnnotation({ file, labels, warnings }: ItemReader, at: string, a: z.infer<typeof AnnotationSchema>, image: ContextImage): DatasetBox[] {
  if (a.type !== 'bbox') {
    warnings.add('unsupported-shape', file, at, `a ${a.type} annotation on image "${image.fileName}" skipped: only bbox annotations are imported`);
    return [];
  }
  if (!a.bbox) throw new FormatError(file, `${at}.bbox`, 'a bbox annotation without bbox [x, y, w, h]');
  // CVAT writes a rotated box as a bbox with a "rotation" attribute in degrees: read upright, it would be the wrong box.
  if (skippedRotated(file, `${at}.attributes.rotation`, a.attributes?.rotation, warnings)) return [];
  const label = a.label_id ?? undefined;
  const className = label === undefined ? undefined : labels[label];
  if (className === undefined) throw new FormatError(file, `${at}.label_id`, `label_id ${label ?? 'null'} is not in categories.label.labels (${labels.length} labels)`);
  const [x, y, w, h] = a.bbox;
  const box = acceptBox(file, `${at}.bbox`, { x, y, w, h }, image, warnings);
  if (!box) return [];
  const result: DatasetBox = { className, box };
  const attributes: NonNullable<DatasetBox['attributes']> = {};
  for (const [name, value] of Object.entries(a.attributes ?? {})) {
    if (name === 'rotation' && (typeof value === 'number' || typeof value === 'string')) continue; // geometry (upright here), not an attribute
    if (name === 'score' && typeof value === 'number') result.score = value;
    else if (AttributeValueSchema.safeParse(value).success) attributes[name] = value as string | number | boolean;
    else warnings.add('attribute', file, `${at}.attributes.${name}`, `attribute "${name}" = ${JSON.stringify(value)} left out: only text, numbers and booleans are kept`);
  }
  if (Object.keys(attributes).length > 0) result.attributes = attributes;
  return [result];
}

export const datumaroFormat: AnnotationFormat = {
  id: 'datumaro',
  label: 'Datumaro JSON (CVAT)',
  exportDataset: exportDatumaro,
  importDataset: importDatumaro,
};
