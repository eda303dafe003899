import { z } from 'zod';
import { AttributeValueSchema } from '../model/labelSchema';
import { acceptBox } from './boxPolicy';
import { settleFlags } from './boxFlags';
import { checkCocoAnnotation } from './cocoAnnotation';
import { collecting, FormatError, ProblemCollector } from './formatError';
import { refuseOtherImporter } from './importerMismatch';
import { WarningCollector } from './importWarnings';
import { validElements } from './jsonElements';
import { classIndexer, exportBox, sortByFileName, sortedImages } from './shared/exportOrder';
import { projectImage } from './projectImage';
import { checkImageSize, contextLookup, singleFile, type ContextImage } from './shared/importChecks';
import { parseJsonFile, parseJsonStructure } from './shared/jsonFile';
import { round2 } from './shared/numbers';
import { skippedRotated } from './shared/rotatedBox';
import type { AnnotationFormat, DatasetBox, DatasetImage, FormatFile, ImportContext, ImportResult, LabelDataset } from './types';

export const COCO_FILE = 'annotations.json';

const CocoImageSchema = z.object({
  id: z.number().int(),
  file_name: z.string().min(1),
  width: z.number().optional(),
  height: z.number().optional(),
});
const CocoAnnotationSchema = z.object({
  image_id: z.number().int(),
  category_id: z.number().int(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  attributes: z.record(z.string(), AttributeValueSchema).optional(),
  score: z.number().optional(),
});
const CocoCategorySchema = z.object({ id: z.number().int(), name: z.string().min(1) });

/** The whole file as one schema, for readers of small files (the video COCO reader extends it). */
export const CocoFileSchema = z.object({ images: z.array(CocoImageSchema), annotations: z.array(CocoAnnotationSchema), categories: z.array(CocoCategorySchema) });

/** Only the top level is checked as a whole: images and annotations may hold millions of elements, checked one by one. */
const CocoTopLevelSchema = z.object({ images: z.array(z.unknown()), annotations: z.array(z.unknown()), categories: z.array(CocoCategorySchema) });

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

function importCoco(files: FormatFile[], context: ImportContext): ImportResult<LabelDataset> {
  refuseOtherImporter(files, 'image');
  const file = singleFile(files, ['.json'], COCO_FILE, 'COCO annotations');
  const coco = parseJsonStructure(file.path, CocoTopLevelSchema, parseJsonFile(file));
  const problems = new ProblemCollector(file.path);
  const warnings = new WarningCollector();
  const categories = collecting(problems, () => readCategories(file.path, coco.categories)) ?? new Map<number, string>();
  const { images, skipped } = readImages(file.path, validElements(problems, CocoImageSchema, coco.images, 'images'), context, { problems, warnings });
  for (const [i, element] of coco.annotations.entries()) {
    const checked = checkCocoAnnotation(element);
    if (!checked.ok) {
      problems.add(`annotations[${i}]${checked.path}`, checked.reason);
      continue;
    }
    const a = checked.value;
    collecting(problems, () => {
      const image = images.get(a.image_id);
      if (!image && skipped.has(a.image_id)) return; // its image is not in the project: warned once for the image
      if (!image) throw new FormatError(file.path, `annotations[${i}].image_id`, `image id ${a.image_id} is not in images`);
      const className = categories.get(a.category_id);
      if (className === undefined) throw new FormatError(file.path, `annotations[${i}].category_id`, `category id ${a.category_id} is not in categories`);
      // CVAT's COCO export writes a rotated box as its bbox with attributes.rotation in degrees: read upright, it would be the wrong box.
      if (skippedRotated(file.path, `annotations[${i}].attributes.rotation`, a.attributes?.rotation, warnings)) return;
      const [x, y, w, h] = a.bbox;
      const box = acceptBox(file.path, `annotations[${i}].bbox`, { x, y, w, h }, image.source, warnings);
      if (!box) return;
      if (a.notKept) {
        const what = a.notKept.join(' and ');
        warnings.add('unsupported-shape', file.path, `annotations[${i}]`, `the ${what} of an annotation on image "${image.source.fileName}" left out: only its bbox is imported`);
      }
      const imported: DatasetBox = { className, box };
      const attributes = Object.entries(a.attributes ?? {}).filter(([name]) => name !== 'rotation'); // geometry (upright here), not an attribute
      if (attributes.length > 0) imported.attributes = Object.fromEntries(attributes);
      if (a.score !== undefined) imported.score = a.score;
      image.dataset.boxes.push(imported);
    });
  }
  problems.throwIfAny();
  const datasetImages = sortByFileName([...images.values()].map((i) => i.dataset));
  settleFlags(datasetImages); // CVAT writes occluded: false on every box
  return {
    dataset: { classes: [...categories.values()], images: datasetImages },
    warnings: warnings.result(),
  };
}

function readCategories(file: string, categories: z.infer<typeof CocoCategorySchema>[]): Map<number, string> {
  const byId = new Map<number, string>();
  const names = new Set<string>();
  for (const [i, c] of categories.entries()) {
    if (byId.has(c.id)) throw new FormatError(file, `categories[${i}].id`, `duplicate category id ${c.id}`);
    if (names.has(c.name)) throw new FormatError(file, `categories[${i}].name`, `duplicate category name "${c.name}"`);
    byId.set(c.id, c.name);
    names.add(c.name);
  }
  return byId;
}

type CocoImage = { source: ContextImage; dataset: DatasetImage };

/** The file's images by id; `skipped` holds the ids of images the project does not have. */
function readImages(
  file: string,
  images: { index: number; value: z.infer<typeof CocoImageSchema> }[],
  context: ImportContext,
  { problems, warnings }: { problems: ProblemCollector; warnings: WarningCollector },
): { images: Map<number, CocoImage>; skipped: Set<number> } {
  const lookup = contextLookup(context);
  const byId = new Map<number, CocoImage>();
  const skipped = new Set<number>();
  const seen = new Set<string>();
  for (const { index: i, value: img } of images) {
    collecting(problems, () => {
      if (byId.has(img.id) || skipped.has(img.id)) throw new FormatError(file, `images[${i}].id`, `duplicate image id ${img.id}`);
      const source = projectImage(lookup, file, `images[${i}].file_name`, [img.file_name], warnings);
      if (!source) return void skipped.add(img.id);
      if (seen.has(source.fileName)) throw new FormatError(file, `images[${i}].file_name`, `image "${source.fileName}" is listed twice`);
      checkImageSize(file, `images[${i}]`, source, img.width, img.height);
      seen.add(source.fileName);
      byId.set(img.id, { source, dataset: { fileName: source.fileName, width: source.width, height: source.height, boxes: [] } });
    });
  }
  return { images: byId, skipped };
}

export const cocoFormat: AnnotationFormat = {
  id: 'coco',
  label: 'COCO JSON',
  exportDataset: exportCoco,
  importDataset: importCoco,
};
