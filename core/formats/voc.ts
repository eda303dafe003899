import { FormatError } from './formatError';
import { assertUniquePaths, classIndexer, exportBox, sortByFileName, sortedImages } from './shared/exportOrder';
import { checkImageSize, contextLookup, importedBox, resolveImage } from './shared/importChecks';
import { parseNumber } from './shared/numbers';
import { afterSegment, basename, compareCodeUnits, dirname, joinPath, stripExtension } from './shared/paths';
import { el, renderXml } from './shared/xmlWriter';
import { childText, parseXmlFile, requireNumber, requireText, xmlChild, xmlChildren } from './shared/xmlFile';
import type { AnnotationFormat, DatasetBox, DatasetImage, FormatFile, ImportContext, LabelDataset } from './types';
import { textLines } from './shared/text';

/** CVAT's VOC export writes the class list here; we read and write the same file so class order survives. */
export const VOC_LABELMAP = 'labelmap.txt';

export function vocAnnotationPath(fileName: string): string {
  return `Annotations/${stripExtension(fileName)}.xml`;
}

// Coordinates are written 0-based and fractional, as CVAT does; the original
// VOC tools wrote 1-based integers, which only shifts boxes by one pixel.
function exportVoc(dataset: LabelDataset): FormatFile[] {
  const classIndex = classIndexer(dataset);
  const files = sortedImages(dataset).map((image) => {
    for (const b of image.boxes) classIndex(b.className);
    return { path: vocAnnotationPath(image.fileName), content: renderXml(vocDocument(image)), image: image.fileName };
  });
  assertUniquePaths(files);
  const colon = dataset.classes.find((c) => c.includes(':'));
  if (colon !== undefined) throw new Error(`class "${colon}" cannot be written to ${VOC_LABELMAP}: ":" separates its fields`);
  const labelmap = ['# label:color_rgb:parts:actions', ...dataset.classes.map((c) => `${c}:::`)].join('\n') + '\n';
  return [{ path: VOC_LABELMAP, content: labelmap }, ...files.map(({ path, content }) => ({ path, content }))];
}

function vocDocument(image: DatasetImage) {
  return el('annotation', [
    el('folder', dirname(image.fileName)),
    el('filename', basename(image.fileName)),
    el('path', image.fileName),
    el('size', [el('width', image.width), el('height', image.height), el('depth', 3)]),
    el('segmented', 0),
    ...image.boxes.map((b) => {
      const box = exportBox(b.box, image);
      return el('object', [
        el('name', b.className),
        el('pose', 'Unspecified'),
        el('truncated', 0),
        el('difficult', 0),
        el('bndbox', [el('xmin', box.x), el('ymin', box.y), el('xmax', box.x2), el('ymax', box.y2)]),
      ]);
    }),
  ]);
}

function importVoc(files: FormatFile[], context: ImportContext): LabelDataset {
  const labelmapFile = files.find((f) => basename(f.path) === VOC_LABELMAP);
  const declared = labelmapFile ? readLabelmap(labelmapFile) : undefined;
  const xmlFiles = files.filter((f) => f.path.toLowerCase().endsWith('.xml'));
  if (xmlFiles.length === 0) throw new FormatError('Annotations/', '', 'missing: no Pascal VOC .xml files were given');
  const lookup = contextLookup(context);
  const classes = [...(declared ?? [])];
  const images = new Map<string, DatasetImage>();
  for (const file of [...xmlFiles].sort((a, b) => compareCodeUnits(a.path, b.path))) {
    const image = readVocFile(file, lookup, declared, classes);
    if (images.has(image.fileName)) throw new FormatError(file.path, 'filename', `image "${image.fileName}" is annotated by another file too`);
    images.set(image.fileName, image);
  }
  return { classes, images: sortByFileName(images.values()) };
}

function readVocFile(
  file: FormatFile,
  lookup: ReturnType<typeof contextLookup>,
  declared: string[] | undefined,
  classes: string[],
): DatasetImage {
  const root = xmlChild(parseXmlFile(file, ['object']), 'annotation');
  if (!root) throw new FormatError(file.path, 'line 1', 'not a Pascal VOC file: the root element <annotation> is missing');
  const filename = requireText(file.path, 'filename', '<filename>', childText(root, 'filename'));
  const besideXml = joinPath(dirname(afterSegment(file.path, 'Annotations')), filename);
  const source = resolveImage(lookup, file.path, 'filename', [childText(root, 'path'), besideXml, filename]);
  const size = xmlChild(root, 'size');
  if (size) checkImageSize(file.path, 'size', source, parseNumber(childText(size, 'width')), parseNumber(childText(size, 'height')));
  const boxes: DatasetBox[] = xmlChildren(root, 'object').map((obj, i) => {
    const location = `object ${i + 1}`;
    const className = requireText(file.path, location, '<name>', childText(obj, 'name'));
    if (declared && !declared.includes(className)) {
      throw new FormatError(file.path, location, `unknown class "${className}": ${VOC_LABELMAP} lists ${declared.join(', ')}`);
    }
    if (!classes.includes(className)) classes.push(className);
    const bnd = xmlChild(obj, 'bndbox');
    if (!bnd) throw new FormatError(file.path, location, 'missing <bndbox>');
    const [xmin, ymin, xmax, ymax] = (['xmin', 'ymin', 'xmax', 'ymax'] as const).map((k) =>
      requireNumber(file.path, `${location}, bndbox.${k}`, `<${k}>`, childText(bnd, k)),
    ) as [number, number, number, number];
    return { className, box: importedBox(file.path, location, { x: xmin, y: ymin, w: xmax - xmin, h: ymax - ymin }, source) };
  });
  return { fileName: source.fileName, width: source.width, height: source.height, boxes };
}

/** CVAT's labelmap: "name:color:parts:actions" a line, "#" comments. */
function readLabelmap(file: FormatFile): string[] {
  const names: string[] = [];
  for (const [i, raw] of textLines(file.content).entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const name = line.split(':')[0]!.trim();
    if (name === '') throw new FormatError(file.path, `line ${i + 1}`, 'empty class name');
    if (names.includes(name)) throw new FormatError(file.path, `line ${i + 1}`, `duplicate class name "${name}"`);
    names.push(name);
  }
  return names;
}

export const vocFormat: AnnotationFormat = {
  id: 'voc',
  label: 'Pascal VOC XML',
  exportDataset: exportVoc,
  importDataset: importVoc,
};
