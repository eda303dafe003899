import { acceptBox } from './boxPolicy';
import { collecting, FormatError, ProblemCollector } from './formatError';
import { refuseOtherImporter } from './importerMismatch';
import { WarningCollector } from './importWarnings';
import { assertUniquePaths, classIndexer, exportBox, sortByFileName, sortedImages } from './shared/exportOrder';
import { createImageLookup } from './shared/imageLookup';
import type { ContextImage } from './shared/importChecks';
import { parseNumber, RELATIVE_DECIMALS, roundTo } from './shared/numbers';
import { afterSegment, normalizePath, stripExtension } from './shared/paths';
import type { AnnotationFormat, DatasetBox, FormatFile, ImportContext, ImportResult, LabelDataset } from './types';
import { readYoloClasses, writeDataYaml, YOLO_CLASSES_FILE, YOLO_DATA_FILE } from './yoloClasses';
import { seededSplit, type SplitOptions } from './shared/seededSplit';
import { textLines } from './shared/text';

/** A split folder name ("train", "val") or none: the unsplit layout puts images/ and labels/ straight under the root. */
type SplitFolder = string | null;

/** labels/[<split>/]<path of the image without extension>.txt, mirroring Ultralytics' images/ → labels/ layout. */
export function yoloLabelPath(fileName: string, split: SplitFolder = null): string {
  return `labels/${split ? `${split}/` : ''}${stripExtension(afterSegment(fileName, 'images'))}.txt`;
}

/** images/[<split>/]<path of the image>: where Ultralytics looks for the image whose labels yoloLabelPath wrote. */
export function yoloImagePath(fileName: string, split: SplitFolder = null): string {
  return `images/${split ? `${split}/` : ''}${afterSegment(fileName, 'images')}`;
}

export interface YoloExportOptions {
  /** The dataset folder's name, written as data.yaml `path`. */
  name?: string;
  /** A seeded train/val split; without it train and val read the same images. */
  split?: SplitOptions;
}

export interface YoloExport {
  /** data.yaml and one label file per image. */
  files: FormatFile[];
  /** Where each project image goes in the dataset (the host copies them: formats never see image bytes). */
  images: { path: string; fileName: string }[];
  counts: { train: number; val: number };
}

/** A dataset Ultralytics trains from as it is: data.yaml, images/<split>/ and labels/<split>/. */
export function exportYoloDataset(dataset: LabelDataset, options: YoloExportOptions = {}): YoloExport {
  const classIndex = classIndexer(dataset);
  const images = sortedImages(dataset);
  const split = options.split ? seededSplit(images.map((i) => i.fileName), options.split) : null;
  const folderOf = (fileName: string): SplitFolder => (split ? (split.val.has(fileName) ? 'val' : 'train') : null);
  const labelFiles = images.map((image) => {
    const lines = image.boxes.map((b) => {
      const box = exportBox(b.box, image);
      const rel = (v: number, size: number) => String(roundTo(v / size, RELATIVE_DECIMALS));
      return [
        classIndex(b.className),
        rel(box.x + box.w / 2, image.width),
        rel(box.y + box.h / 2, image.height),
        rel(box.w, image.width),
        rel(box.h, image.height),
      ].join(' ');
    });
    return { path: yoloLabelPath(image.fileName, folderOf(image.fileName)), content: lines.map((l) => `${l}\n`).join(''), image: image.fileName };
  });
  assertUniquePaths(labelFiles);
  // Unsplit, train and val both read images/: Ultralytics accepts the same folder for both (its own coco128.yaml does this).
  const paths = split ? { train: 'images/train', val: 'images/val' } : { train: 'images', val: 'images' };
  const dataYaml = writeDataYaml(dataset.classes, { path: options.name ?? 'dataset', ...paths });
  return {
    files: [{ path: YOLO_DATA_FILE, content: dataYaml }, ...labelFiles.map(({ path, content }) => ({ path, content }))],
    images: images.map((i) => ({ path: yoloImagePath(i.fileName, folderOf(i.fileName)), fileName: i.fileName })),
    counts: split ? { train: split.train.size, val: split.val.size } : { train: images.length, val: images.length },
  };
}

/** Label files: .txt under a labels/ folder; if there is none, every .txt except the class list. */
function labelFilesOf(files: FormatFile[]): FormatFile[] {
  const txt = files.filter((f) => f.path.toLowerCase().endsWith('.txt'));
  const underLabels = txt.filter((f) => /(^|\/)labels\//.test(normalizePath(f.path)));
  return underLabels.length > 0 ? underLabels : txt.filter((f) => !f.path.endsWith(YOLO_CLASSES_FILE));
}

function importYolo(files: FormatFile[], context: ImportContext): ImportResult<LabelDataset> {
  refuseOtherImporter(files, 'image');
  const warnings = new WarningCollector();
  const { file: classFile, names, splitFolders } = readYoloClasses(files);
  const withoutSplit = (key: string) => splitFolders.reduce((k, folder) => (k.startsWith(`${folder}/`) ? k.slice(folder.length + 1) : k), key);
  const lookup = createImageLookup(context.images, (i) => stripExtension(afterSegment(i.fileName, 'images')));
  const boxesByImage = new Map<string, DatasetBox[]>();
  const labelFileOf = new Map<string, string>();
  for (const file of labelFilesOf(files)) {
    const key = stripExtension(afterSegment(file.path, 'labels'));
    const inSplit = lookup.find(withoutSplit(key));
    const found = inSplit.length > 0 ? inSplit : lookup.find(key);
    if (found.length === 0) {
      warnings.add('unknown-media', file.path, '', `unknown image "${key}.*": no image of this project matches this label file; its labels were skipped`);
      continue;
    }
    if (found.length > 1) throw new FormatError(file.path, '', `ambiguous: this label file could belong to ${found.map((f) => `"${f.fileName}"`).join(' or ')}`);
    const image = found[0]!;
    const earlier = labelFileOf.get(image.fileName);
    if (earlier) throw new FormatError(file.path, '', `image "${image.fileName}" already has labels in ${earlier}`);
    labelFileOf.set(image.fileName, file.path);
    boxesByImage.set(image.fileName, readLabelFile(file, image, { names, classFile, warnings }));
  }
  // In YOLO an image without a label file is an image with no objects.
  return {
    dataset: {
      classes: [...names.values()],
      images: sortByFileName(context.images).map((i) => ({ fileName: i.fileName, width: i.width, height: i.height, boxes: boxesByImage.get(i.fileName) ?? [] })),
    },
    warnings: warnings.result(),
  };
}

interface LabelFileReader {
  names: Map<number, string>;
  /** The file that names the classes, for "out of range" messages. */
  classFile: string;
  warnings: WarningCollector;
}

/** One label file's boxes; every bad line is a problem (up to MAX_PROBLEMS listed), thrown together at the end. */
function readLabelFile(file: FormatFile, image: ContextImage, { names, classFile, warnings }: LabelFileReader): DatasetBox[] {
  const boxes: DatasetBox[] = [];
  const problems = new ProblemCollector(file.path);
  for (const [i, raw] of textLines(file.content).entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const box = collecting(problems, () => readLine(file.path, `line ${i + 1}`, line, image, { names, classFile, warnings }));
    if (box) boxes.push(box);
  }
  problems.throwIfAny();
  return boxes;
}

function readLine(file: string, location: string, line: string, image: ContextImage, { names, classFile, warnings }: LabelFileReader): DatasetBox | undefined {
  const tokens = line.split(/\s+/);
  // YOLO segmentation labels write "class x1 y1 x2 y2 x3 y3 …": a polygon, which a box tool cannot hold.
  const polygon = tokens.length >= 7 && tokens.length % 2 === 1;
  if (tokens.length !== 5 && !polygon) {
    throw new FormatError(file, location, `expected 5 values "class cx cy w h" (or a class and an even number of polygon coordinates, at least 6), got ${tokens.length}`);
  }
  const [classToken, ...coordTokens] = tokens as [string, ...string[]];
  if (!/^\d+$/.test(classToken)) throw new FormatError(file, location, `class id "${classToken}" is not a whole number`);
  const className = names.get(Number(classToken));
  if (className === undefined) {
    throw new FormatError(file, location, `class id ${classToken} is out of range: ${classFile} names ${names.size} classes (${[...names.keys()].join(', ')})`);
  }
  const [cx, cy, w, h] = coordTokens.map((t) => {
    const n = parseNumber(t);
    if (n === undefined) throw new FormatError(file, location, `"${t}" is not a number`);
    return n;
  }) as [number, number, number, number];
  if (polygon) {
    warnings.add('unsupported-shape', file, location, `a polygon of ${coordTokens.length / 2} points on image "${image.fileName}" skipped: only boxes are imported`);
    return undefined;
  }
  const box = acceptBox(file, location, { x: (cx - w / 2) * image.width, y: (cy - h / 2) * image.height, w: w * image.width, h: h * image.height }, image, warnings);
  return box ? { className, box } : undefined;
}

export const yoloFormat: AnnotationFormat = {
  id: 'yolo',
  label: 'Ultralytics YOLO (txt + data.yaml)',
  exportDataset: (dataset) => exportYoloDataset(dataset).files,
  importDataset: importYolo,
};
