import { acceptBox } from './boxPolicy';
import { flagOf, flagValue, settleFlags, withoutFlags } from './boxFlags';
import { declareAttributes, readAttributeValue, type CvatInputType } from './cvatAttributes';
import { collecting, FormatError, ProblemCollector } from './formatError';
import { refuseOtherImporter } from './importerMismatch';
import { WarningCollector } from './importWarnings';
import { skippedRotated } from './shared/rotatedBox';
import { classIndexer, exportBox, sortByFileName, sortedImages } from './shared/exportOrder';
import { projectImage } from './projectImage';
import { checkImageSize, contextLookup, singleFile, type ContextImage } from './shared/importChecks';
import { parseNumber } from './shared/numbers';
import { childText, parseXmlFile, requireNumber, requireText, xmlAttr, xmlChild, xmlChildren, xmlText, type XmlElement } from './shared/xmlFile';
import { el, renderXml } from './shared/xmlWriter';
import type { AnnotationFormat, DatasetBox, DatasetImage, FormatFile, ImportContext, ImportResult, LabelDataset } from './types';

export const CVAT_FILE = 'annotations.xml';

function exportCvat(dataset: LabelDataset): FormatFile[] {
  const classIndex = classIndexer(dataset);
  const images = sortedImages(dataset);
  // occluded is the <box>'s own attribute in CVAT, not one the label declares.
  const declarable = images.flatMap((i) => i.boxes).map((b) => ({ ...b, attributes: Object.fromEntries(withoutFlags(b.attributes, ['occluded'])) }));
  const labels = dataset.classes.map((name) => {
    const attributes = declareAttributes(declarable.filter((b) => b.className === name));
    return el('label', [el('name', name), ...(attributes.length > 0 ? [el('attributes', attributes)] : [])]);
  });
  const meta = el('meta', [el('task', [el('name', 'Groundwork export'), el('size', images.length), el('mode', 'annotation'), el('labels', labels)])]);
  const imageNodes = images.map((image, i) =>
    el(
      'image',
      image.boxes.map((b) => {
        classIndex(b.className);
        const box = exportBox(b.box, image);
        const attrs = withoutFlags(b.attributes, ['occluded']).map(([name, value]) => el('attribute', String(value), [['name', name]]));
        return el('box', attrs, [
          ['label', b.className],
          ['source', b.score === undefined ? 'manual' : 'auto'],
          ['occluded', flagOf(b.attributes, 'occluded') ? 1 : 0],
          ['xtl', box.x],
          ['ytl', box.y],
          ['xbr', box.x2],
          ['ybr', box.y2],
          ['z_order', 0],
        ]);
      }),
      [['id', i], ['name', image.fileName], ['width', image.width], ['height', image.height]],
    ),
  );
  return [{ path: CVAT_FILE, content: renderXml(el('annotations', [el('version', '1.1'), meta, ...imageNodes])) }];
}

export interface DeclaredLabels {
  names: string[];
  inputTypes: Map<string, CvatInputType>;
}

/** Labels from <meta><task|project|job><labels>; undefined when the file declares none. */
export function readLabels(file: string, root: XmlElement): DeclaredLabels | undefined {
  const meta = xmlChild(root, 'meta');
  const owner = xmlChild(meta, 'task') ?? xmlChild(meta, 'project') ?? xmlChild(meta, 'job');
  const labelsNode = xmlChild(owner, 'labels');
  if (!labelsNode) return undefined;
  const names: string[] = [];
  const inputTypes = new Map<string, CvatInputType>();
  for (const [i, label] of xmlChildren(labelsNode, 'label').entries()) {
    const name = requireText(file, `meta label ${i + 1}`, 'label <name>', childText(label, 'name'));
    if (names.includes(name)) throw new FormatError(file, `meta label ${i + 1}`, `duplicate label "${name}"`);
    names.push(name);
    for (const attr of xmlChildren(xmlChild(label, 'attributes'), 'attribute')) {
      const type = childText(attr, 'input_type') as CvatInputType | undefined;
      inputTypes.set(`${name}\u0000${childText(attr, 'name') ?? ''}`, type ?? 'text');
    }
  }
  return { names, inputTypes };
}

/** CVAT's image shapes other than <box>: a box tool cannot hold them, so each is a counted warning. */
const OTHER_SHAPES = ['polygon', 'polyline', 'points', 'mask', 'ellipse', 'cuboid', 'skeleton', 'tag'] as const;

function importCvat(files: FormatFile[], context: ImportContext): ImportResult<LabelDataset> {
  refuseOtherImporter(files, 'image');
  const file = singleFile(files, ['.xml'], CVAT_FILE, 'CVAT annotations');
  const root = xmlChild(parseXmlFile(file, ['image', 'box', 'label', 'attribute', ...OTHER_SHAPES]), 'annotations');
  if (!root) throw new FormatError(file.path, 'line 1', 'not a CVAT for images file: the root element <annotations> is missing');
  const warnings = new WarningCollector();
  warnFrameFilter(file.path, root, warnings);
  const declared = readLabels(file.path, root);
  const reader: BoxReader = { file: file.path, declared, classes: [...(declared?.names ?? [])], warnings };
  const problems = new ProblemCollector(file.path);
  const lookup = contextLookup(context);
  const images = new Map<string, DatasetImage>();
  for (const [i, node] of xmlChildren(root, 'image').entries()) {
    collecting(problems, () => {
      const name = requireText(file.path, `image ${i + 1}`, 'image name', xmlAttr(node, 'name'));
      const where = `image '${name}'`;
      const source = projectImage(lookup, file.path, where, [name], warnings);
      if (!source) return;
      if (images.has(source.fileName)) throw new FormatError(file.path, where, `image "${source.fileName}" is listed twice`);
      checkImageSize(file.path, where, source, parseNumber(xmlAttr(node, 'width')), parseNumber(xmlAttr(node, 'height')));
      for (const kind of OTHER_SHAPES) {
        for (const [n] of xmlChildren(node, kind).entries()) {
          warnings.add('unsupported-shape', file.path, `${where}, ${kind} ${n + 1}`, `<${kind}> on image '${name}' skipped: only boxes are imported`);
        }
      }
      const boxes = xmlChildren(node, 'box').flatMap((box, b) => collecting(problems, () => readBox(reader, `${where}, box ${b + 1}`, box, source)) ?? []);
      images.set(source.fileName, { fileName: source.fileName, width: source.width, height: source.height, boxes });
    });
  }
  problems.throwIfAny();
  const dataset = { classes: reader.classes, images: sortByFileName(images.values()) };
  settleFlags(dataset.images);
  return { dataset, warnings: warnings.result() };
}

/** CVAT exports only the frames a task's filter kept ("step=5"); the file's names still match the project's images. */
function warnFrameFilter(file: string, root: XmlElement, warnings: WarningCollector): void {
  const meta = xmlChild(root, 'meta');
  const filter = childText(xmlChild(meta, 'task') ?? xmlChild(meta, 'job'), 'frame_filter')?.trim();
  if (filter) warnings.add('ignored-setting', file, 'meta frame_filter', `frame_filter "${filter}" ignored: images are matched by name, not by frame number`);
}

interface BoxReader {
  file: string;
  declared: DeclaredLabels | undefined;
  /** Classes in order: declared first, then undeclared ones as they appear. */
  classes: string[];
  warnings: WarningCollector;
}

function readBox({ file, declared, classes, warnings }: BoxReader, location: string, node: unknown, image: ContextImage): DatasetBox[] {
  const className = requireText(file, location, 'label', xmlAttr(node, 'label'));
  if (declared && !declared.names.includes(className)) {
    throw new FormatError(file, location, `unknown label "${className}": the file declares ${declared.names.join(', ')}`);
  }
  if (!classes.includes(className)) classes.push(className);
  const [xtl, ytl, xbr, ybr] = (['xtl', 'ytl', 'xbr', 'ybr'] as const).map((k) => requireNumber(file, location, k, xmlAttr(node, k))) as [
    number,
    number,
    number,
    number,
  ];
  if (skippedRotated(file, location, xmlAttr(node, 'rotation'), warnings)) return [];
  const box = acceptBox(file, location, { x: xtl, y: ytl, w: xbr - xtl, h: ybr - ytl }, image, warnings);
  if (!box) return [];
  const attributes: NonNullable<DatasetBox['attributes']> = {};
  const occluded = flagValue(xmlAttr(node, 'occluded'));
  if (occluded !== undefined) attributes.occluded = occluded;
  for (const attr of xmlChildren(node, 'attribute')) {
    const name = requireText(file, location, 'attribute name', xmlAttr(attr, 'name'));
    attributes[name] = readAttributeValue(file, location, name, xmlText(attr) ?? '', declared?.inputTypes.get(`${className}\u0000${name}`));
  }
  return [{ className, box, ...(Object.keys(attributes).length > 0 ? { attributes } : {}) }];
}

export const cvatFormat: AnnotationFormat = {
  id: 'cvat',
  label: 'CVAT for images 1.1 XML',
  exportDataset: exportCvat,
  importDataset: importCvat,
};
