import { z } from 'zod';
import { AttributeValueSchema } from '../model/labelSchema';
import { FormatError } from './formatError';
import { classIndexer, exportBox, sortByFileName, sortedImages } from './shared/exportOrder';
import { checkImageSize, contextLookup, importedBox, resolveImage, singleFile, type ContextImage } from './shared/importChecks';
import { parseJsonFile, parseJsonStructure } from './shared/jsonFile';
import { round2 } from './shared/numbers';
import type { AnnotationFormat, DatasetBox, DatasetImage, FormatFile, ImportContext, LabelDataset } from './types';

export const COCO_FILE = 'annotations.json';

export const CocoFileSchema = z.object({
  images: z.array(
    z.object({
      id: z.number().int(),
      file_name: z.string().min(1),
      width: z.number().optional(),
      height: z.number().optional(),
    }),
  ),
  annotations: z.array(
    z.object({
      image_id: z.number().int(),
      category_id: z.number().int(),
      bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
      attributes: z.record(z.string(), AttributeValueSchema).optional(),
      score: z.number().optional(),
    }),
  ),
  categories: z.array(z.object({ id: z.number().int(), name: z.string().min(1) })),
});
type CocoFile = z.infer<typeof CocoFileSchema>;

function exportCoco(dataset: LabelDataset): FormatFile[] {
  const classIndex = classIndexer(dataset);
  const images = sortedImages(dataset);
  let annotationId = 0;
  const annotations = images.flatMap((image, i) =>
    image.boxes.map((b) => {
      const box = exportBox(b.box, image);
      return {
        id: ++annotationId,
        image_id: i + 1,
        category_id: classIndex(b.className) + 1,
        bbox: [box.x, box.y, box.w, box.h],
        area: round2(box.w * box.h),
        iscrowd: 0,
        ...(b.attributes && Object.keys(b.attributes).length > 0 ? { attributes: b.attributes } : {}),
        ...(b.score !== undefined ? { score: b.score } : {}),
      };
    }),
  );
  const coco = {
    images: images.map((img, i) => ({ id: i + 1, file_name: img.fileName, width: img.width, height: img.height })),
    annotations,
    categories: dataset.classes.map((name, i) => ({ id: i + 1, name, supercategory: '' })),
  };
  return [{ path: COCO_FILE, content: JSON.stringify(coco, null, 2) + '\n' }];
}

function importCoco(files: FormatFile[], context: ImportContext): LabelDataset {
  const file = singleFile(files, ['.json'], COCO_FILE, 'COCO annotations');
  const coco = parseJsonStructure(file.path, CocoFileSchema, parseJsonFile(file));
  const categories = readCategories(file.path, coco);
  const images = readImages(file.path, coco, context);
  for (const [i, a] of coco.annotations.entries()) {
    const image = images.get(a.image_id);
    if (!image) throw new FormatError(file.path, `annotations[${i}].image_id`, `image id ${a.image_id} is not in images`);
    const className = categories.get(a.category_id);
    if (className === undefined) {
      throw new FormatError(file.path, `annotations[${i}].category_id`, `category id ${a.category_id} is not in categories`);
    }
    const [x, y, w, h] = a.bbox;
    const box: DatasetBox = { className, box: importedBox(file.path, `annotations[${i}].bbox`, { x, y, w, h }, image.source) };
    if (a.attributes && Object.keys(a.attributes).length > 0) box.attributes = a.attributes;
    if (a.score !== undefined) box.score = a.score;
    image.dataset.boxes.push(box);
  }
  return {
    classes: [...categories.values()],
    images: sortByFileName([...images.values()].map((i) => i.dataset)),
  };
}

function readCategories(file: string, coco: CocoFile): Map<number, string> {
  const byId = new Map<number, string>();
  const names = new Set<string>();
  for (const [i, c] of coco.categories.entries()) {
    if (byId.has(c.id)) throw new FormatError(file, `categories[${i}].id`, `duplicate category id ${c.id}`);
    if (names.has(c.name)) throw new FormatError(file, `categories[${i}].name`, `duplicate category name "${c.name}"`);
    byId.set(c.id, c.name);
    names.add(c.name);
  }
  return byId;
}

function readImages(file: string, coco: CocoFile, context: ImportContext): Map<number, { source: ContextImage; dataset: DatasetImage }> {
  const lookup = contextLookup(context);
  const byId = new Map<number, { source: ContextImage; dataset: DatasetImage }>();
  const seen = new Set<string>();
  for (const [i, img] of coco.images.entries()) {
    if (byId.has(img.id)) throw new FormatError(file, `images[${i}].id`, `duplicate image id ${img.id}`);
    const source = resolveImage(lookup, file, `images[${i}].file_name`, [img.file_name]);
    if (seen.has(source.fileName)) throw new FormatError(file, `images[${i}].file_name`, `image "${source.fileName}" is listed twice`);
    checkImageSize(file, `images[${i}]`, source, img.width, img.height);
    seen.add(source.fileName);
    byId.set(img.id, { source, dataset: { fileName: source.fileName, width: source.width, height: source.height, boxes: [] } });
  }
  return byId;
}

export const cocoFormat: AnnotationFormat = {
  id: 'coco',
  label: 'COCO JSON',
  exportDataset: exportCoco,
  importDataset: importCoco,
};
