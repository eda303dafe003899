import { z } from 'zod';
import { boxFromPoints } from '../geometry/box';
import { acceptBox } from './boxPolicy';
import { collecting, FormatError, ProblemCollector } from './formatError';
import { WarningCollector } from './importWarnings';
import { validElements } from './jsonElements';
import { assertUniquePaths, classIndexer, exportBox, sortByFileName, sortedImages } from './shared/exportOrder';
import { projectImage } from './projectImage';
import { checkImageSize, contextLookup } from './shared/importChecks';
import { parseJsonFile, parseJsonStructure } from './shared/jsonFile';
import { basename, compareCodeUnits, dirname, joinPath, normalizePath, stripExtension } from './shared/paths';
import type { AnnotationFormat, DatasetBox, DatasetImage, FormatFile, ImportContext, ImportResult, LabelDataset } from './types';

/**
 * LabelMe (wkentaro/labelme): one JSON per image, written by label_file.py as
 * { version, flags, shapes, imagePath, imageData, imageHeight, imageWidth }.
 * Only "rectangle" shapes are boxes. A shape's `flags` (the booleans the
 * user set in LabelMe's flag list) are kept as boolean box attributes.
 */
export const LABELME_VERSION = '5.4.1';

const ShapeSchema = z.object({
  label: z.string().min(1),
  points: z.array(z.tuple([z.number(), z.number()])),
  // Files from LabelMe before 3.x have no shape_type: their shapes are polygons.
  shape_type: z.string().nullish(),
  flags: z.record(z.string(), z.unknown()).nullish(),
});
const LabelMeFileSchema = z.object({
  shapes: z.array(z.unknown()),
  imagePath: z.string().min(1),
  imageHeight: z.number().nullish(),
  imageWidth: z.number().nullish(),
});

/** Where LabelMe writes an image's labels: beside it, same name, .json. */
export function labelMePath(fileName: string): string {
  return `${stripExtension(fileName)}.json`;
}

function exportLabelMe(dataset: LabelDataset): FormatFile[] {
  const classIndex = classIndexer(dataset);
  const files = sortedImages(dataset).map((image) => {
    const shapes = image.boxes.map((b) => {
      classIndex(b.className);
      const box = exportBox(b.box, image);
      return {
        label: b.className,
        points: [
          [box.x, box.y],
          [box.x2, box.y2],
        ],
        group_id: null,
        description: '',
        shape_type: 'rectangle',
        flags: Object.fromEntries(Object.entries(b.attributes ?? {}).filter(([, v]) => typeof v === 'boolean')),
        mask: null,
      };
    });
    // imagePath is relative to the JSON, which sits beside the image.
    const doc = { version: LABELME_VERSION, flags: {}, shapes, imagePath: basename(image.fileName), imageData: null, imageHeight: image.height, imageWidth: image.width };
    return { path: labelMePath(image.fileName), content: JSON.stringify(doc, null, 2) + '\n', image: image.fileName };
  });
  assertUniquePaths(files);
  return files.map(({ path, content }) => ({ path, content }));
}

/** "dir/../images/a.jpg" → "images/a.jpg": LabelMe writes imagePath relative to the JSON, often with "..". */
function collapseDots(path: string): string {
  const out: string[] = [];
  for (const part of normalizePath(path).split('/')) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

function importLabelMe(files: FormatFile[], context: ImportContext): ImportResult<LabelDataset> {
  const jsonFiles = files.filter((f) => f.path.toLowerCase().endsWith('.json')).sort((a, b) => compareCodeUnits(a.path, b.path));
  if (jsonFiles.length === 0) throw new FormatError('*.json', '', 'missing: no LabelMe .json files were given');
  const lookup = contextLookup(context);
  const warnings = new WarningCollector();
  const classes: string[] = [];
  const images = new Map<string, DatasetImage>();
  for (const file of jsonFiles) {
    const doc = parseJsonStructure(file.path, LabelMeFileSchema, parseJsonFile(file));
    const relative = collapseDots(joinPath(dirname(file.path), doc.imagePath.replace(/\\/g, '/')));
    const source = projectImage(lookup, file.path, 'imagePath', [relative, doc.imagePath], warnings);
    if (!source) continue;
    if (images.has(source.fileName)) throw new FormatError(file.path, 'imagePath', `image "${source.fileName}" is annotated by another file too`);
    checkImageSize(file.path, '(root)', source, doc.imageWidth ?? undefined, doc.imageHeight ?? undefined);
    const problems = new ProblemCollector(file.path);
    const boxes: DatasetBox[] = [];
    for (const { index: s, value: shape } of validElements(problems, ShapeSchema, doc.shapes, 'shapes')) {
      const at = `shapes[${s}]`;
      const kind = shape.shape_type ?? 'polygon';
      if (kind !== 'rectangle') {
        warnings.add('unsupported-shape', file.path, at, `a ${kind} "${shape.label}" on image "${source.fileName}" skipped: only rectangles are imported`);
        continue;
      }
      const box = collecting(problems, () => {
        const [a, b] = shape.points;
        if (shape.points.length !== 2 || !a || !b) throw new FormatError(file.path, `${at}.points`, `a rectangle needs 2 points, it has ${shape.points.length}`);
        return acceptBox(file.path, `${at}.points`, boxFromPoints(a[0], a[1], b[0], b[1]), source, warnings);
      });
      if (!box) continue;
      if (!classes.includes(shape.label)) classes.push(shape.label);
      const flags = Object.entries(shape.flags ?? {}).filter((e): e is [string, boolean] => typeof e[1] === 'boolean');
      boxes.push({ className: shape.label, box, ...(flags.length > 0 ? { attributes: Object.fromEntries(flags) } : {}) });
    }
    problems.throwIfAny();
    images.set(source.fileName, { fileName: source.fileName, width: source.width, height: source.height, boxes });
  }
  return { dataset: { classes, images: sortByFileName(images.values()) }, warnings: warnings.result() };
}

export const labelMeFormat: AnnotationFormat = {
  id: 'labelme',
  label: 'LabelMe JSON (one per image)',
  exportDataset: exportLabelMe,
  importDataset: importLabelMe,
};
