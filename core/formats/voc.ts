import { acceptBox } from './boxPolicy';
import type { AttributeValue } from '../model/labelSchema';
import { BOX_FLAGS, flagOf, flagValue, settleFlags, withoutFlags } from './boxFlags';
import { collecting, FormatError, ProblemCollector } from './formatError';
import { refuseOtherImporter } from './importerMismatch';
import { WarningCollector } from './importWarnings';
import { assertUniquePaths, classIndexer, exportBox, sortByFileName, sortedImages } from './shared/exportOrder';
import { projectImage } from './projectImage';
import { checkImageSize, contextLookup } from './shared/importChecks';
import { parseNumber } from './shared/numbers';
import { skippedRotated } from './shared/rotatedBox';
import { afterSegment, basename, compareCodeUnits, dirname, joinPath, stripExtension } from './shared/paths';
import { el, renderXml } from './shared/xmlWriter';
import { childText, parseXmlFile, requireNumber, requireText, xmlChild, xmlChildren } from './shared/xmlFile';
import type { AnnotationFormat, DatasetBox, DatasetImage, FormatFile, ImportContext, ImportResult, LabelDataset } from './types';
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
        el('truncated', flagOf(b.attributes, 'truncated') ? 1 : 0),
        el('difficult', flagOf(b.attributes, 'difficult') ? 1 : 0),
        // Not in the VOC devkit, but CVAT and others write it: only for boxes that carry the flag.
        ...(b.attributes?.occluded !== undefined ? [el('occluded', flagOf(b.attributes, 'occluded') ? 1 : 0)] : []),
        el('bndbox', [el('xmin', box.x), el('ymin', box.y), el('xmax', box.x2), el('ymax', box.y2)]),
        ...otherAttributes(b),
      ]);
    }),
  ]);
}

/** The box's attributes other than the flags, as CVAT's VOC export writes them: <attributes><attribute><name>…</name><value>…</value></attribute></attributes>. */
function otherAttributes(b: DatasetBox) {
  const others = withoutFlags(b.attributes, BOX_FLAGS);
  if (others.length === 0) return [];
  return [el('attributes', others.map(([name, value]) => el('attribute', [el('name', name), el('value', String(value))])))];
}

interface VocReader {
  lookup: ReturnType<typeof contextLookup>;
  /** The labelmap's classes, when one was given: other classes are errors. */
  declared: string[] | undefined;
  classes: string[];
  warnings: WarningCollector;
}

function importVoc(files: FormatFile[], context: ImportContext): ImportResult<LabelDataset> {
  refuseOtherImporter(files, 'image');
  const labelmapFile = files.find((f) => basename(f.path) === VOC_LABELMAP);
  const declared = labelmapFile ? readLabelmap(labelmapFile) : undefined;
  const xmlFiles = files.filter((f) => f.path.toLowerCase().endsWith('.xml'));
  if (xmlFiles.length === 0) throw new FormatError('Annotations/', '', 'missing: no Pascal VOC .xml files were given');
  const reader: VocReader = { lookup: contextLookup(context), declared, classes: [...(declared ?? [])], warnings: new WarningCollector() };
  const images = new Map<string, DatasetImage>();
  const sorted = [...xmlFiles].sort((a, b) => compareCodeUnits(a.path, b.path));
  // Problems are collected per file and the first file's error is thrown, so the user fixes one file at a time.
  for (const file of sorted) {
    const image = readVocFile(file, reader);
    if (!image) continue;
    if (images.has(image.fileName)) throw new FormatError(file.path, 'filename', `image "${image.fileName}" is annotated by another file too`);
    images.set(image.fileName, image);
  }
  const dataset = { classes: reader.classes, images: sortByFileName(images.values()) };
  settleFlags(dataset.images);
  return { dataset, warnings: reader.warnings.result() };
}

/** The file's image and boxes; undefined when the project has no such image (an 'unknown-media' warning). */
function readVocFile(file: FormatFile, { lookup, declared, classes, warnings }: VocReader): DatasetImage | undefined {
  const root = xmlChild(parseXmlFile(file, ['object']), 'annotation');
  if (!root) throw new FormatError(file.path, 'line 1', 'not a Pascal VOC file: the root element <annotation> is missing');
  const filename = requireText(file.path, 'filename', '<filename>', childText(root, 'filename'));
  const besideXml = joinPath(dirname(afterSegment(file.path, 'Annotations')), filename);
  const source = projectImage(lookup, file.path, 'filename', [childText(root, 'path'), besideXml, filename], warnings);
  if (!source) return undefined;
  const size = xmlChild(root, 'size');
  if (size) checkImageSize(file.path, 'size', source, parseNumber(childText(size, 'width')), parseNumber(childText(size, 'height')));
  const problems = new ProblemCollector(file.path);
  const boxes: DatasetBox[] = xmlChildren(root, 'object').flatMap(
    (obj, i) =>
      collecting(problems, () => {
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
        const attributes = { ...flagAttributes(obj), ...cvatAttributes(file.path, location, obj) };
        // CVAT writes a rotated box's rotation among its attributes: geometry, not an attribute.
        const { rotation, ...kept } = attributes;
        if (skippedRotated(file.path, `${location}, rotation`, rotation, warnings)) return [];
        const box = acceptBox(file.path, location, { x: xmin, y: ymin, w: xmax - xmin, h: ymax - ymin }, source, warnings);
        if (!box) return [];
        // VOC's person layout gives a person <part>s (head, hand, foot) with boxes of their own: a box holds one class, so they are counted, not read.
        for (const [p, part] of xmlChildren(obj, 'part').entries()) {
          const partName = childText(part, 'name')?.trim() || 'unnamed';
          warnings.add('unsupported-shape', file.path, `${location}, part ${p + 1}`, `the <part> "${partName}" of a "${className}" on image "${source.fileName}" skipped: parts of an object are not imported`);
        }
        return [{ className, box, ...(Object.keys(kept).length > 0 ? { attributes: kept } : {}) }];
      }) ?? [],
  );
  problems.throwIfAny();
  return { fileName: source.fileName, width: source.width, height: source.height, boxes };
}

/** <truncated>, <difficult> and <occluded> as the file states them (0/1); settleFlags drops the ones nobody set. */
function flagAttributes(obj: unknown): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = {};
  for (const flag of BOX_FLAGS) {
    const value = flagValue(childText(obj, flag));
    if (value !== undefined) attributes[flag] = value;
  }
  return attributes;
}

/**
 * CVAT's VOC export writes a box's attributes as <attributes><attribute><name>
 * <value></attribute></attributes>: true/false become booleans, numbers
 * numbers, anything else text. The flags have their own elements and are not
 * read from here.
 */
function cvatAttributes(file: string, location: string, obj: unknown): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = {};
  for (const list of xmlChildren(obj, 'attributes')) {
    for (const attr of xmlChildren(list, 'attribute')) {
      const name = requireText(file, location, '<attribute><name>', childText(attr, 'name'));
      if ((BOX_FLAGS as readonly string[]).includes(name)) continue;
      attributes[name] = typedValue(childText(attr, 'value') ?? '');
    }
  }
  return attributes;
}

function typedValue(text: string): AttributeValue {
  const t = text.trim().toLowerCase();
  if (t === 'true' || t === 'false') return t === 'true';
  const n = parseNumber(text);
  return n !== undefined && text.trim() !== '' ? n : text;
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
